package io.coffer.server.cli;

import io.coffer.server.pki.CellPki;
import io.coffer.server.signing.OciRequestSigner;
import io.coffer.server.topology.BuildArtifacts;
import io.coffer.server.topology.CliException;
import io.coffer.server.topology.DerbyServer;
import io.coffer.server.topology.HomeLock;
import io.coffer.server.topology.HostNode;
import io.coffer.server.topology.InternalCredentials;
import io.coffer.server.topology.Processes;
import io.coffer.server.topology.Progress;
import io.coffer.server.topology.Topology;
import io.coffer.server.topology.TopologyPlan;
import io.coffer.server.topology.TopologyPlan.HostPlan;
import io.coffer.server.topology.TopologyState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ./coffer start|stop|status}: runs Coffer on one machine. Every failure a user can act on is one line that
 * says what failed and where its log is; anything unexpected goes to {@code logs/cli.log}, not to the terminal.
 */
public final class CofferCli {

    private static final String USAGE = """
            usage: ./coffer <command> [options]

              start    build if needed, start the Derby network servers, the JMS broker and the app-server
                       instances, deploy Coffer, and print where the API and the console are; after a crash, brings
                       back whatever is missing (a host whose start fails is stopped and started again)
              stop     stop every process of the topology (found by PID file and by command line)
              status   list what runs, with each instance's URL, cell-internal port and applied replication
                       position
              renew-certs
                       re-issue the cell certificates in $COFFER_HOME/pki from the same CA (hosts use them from
                       their next start)
              test     run every test (mvn verify)

            options (start; remembered for the next start, stop and status):
              --hosts N          app-server instances per cell, each with its own local store (default 1);
                                 hosts per cell × shards at most 9
              --port-base P      host-1 serves HTTP on P+80, admin on P+48, the cell-internal HTTPS (mutual TLS)
                                 on P+43; host-k on P+100(k-1)+80 and so on (default 8000)
              --shards S         shards that hold vaults (default 1), each served by a cell of its own: cell-0
                                 (host-1 to host-N, the cell clients talk to) serves shard-0, cell-k (the next N
                                 hosts) shard-k; shard-0's store shares the base store's Derby server, shard-k's
                                 has its own on the Derby port + k
              --derby-port P     the Derby network server of the base store and shard-0 (default 1527)
              --broker-port P    the JMS broker (default 61616)
              --home DIR         where Coffer keeps Payara, data and logs (default $COFFER_HOME or ~/.coffer)
              --no-deploy        start everything but leave the EAR undeployed (for test harnesses)
              --adjustable-clock let an operator move the business clock forward (POST /admin/v1/clock);
                                 for test installs only
            """;

    private CofferCli() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (CliException failure) {
            System.err.println("coffer: " + failure.getMessage());
            status = 1;
        } catch (IllegalArgumentException badOption) {
            System.err.println("coffer: " + badOption.getMessage());
            System.err.println("run ./coffer help for the options");
            status = 2;
        } catch (Exception unexpected) {
            System.err.println(
                    "coffer: unexpected failure: " + unexpected + " (details in " + writeIncident(unexpected) + ")");
            status = 1;
        }
        System.exit(status);
    }

    static int run(String[] arguments) throws IOException {
        Deque<String> args = new ArrayDeque<>(List.of(arguments));
        String command = args.isEmpty() ? "help" : args.removeFirst();
        Options options = Options.parse(args);
        switch (command) {
            case "start" -> start(options);
            case "stop" -> stop(options);
            case "status" -> status(options);
            case "renew-certs" -> renewCertificates(options);
            case "help", "--help", "-h" -> System.out.print(USAGE);
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        return 0;
    }

    private static void start(Options options) throws IOException {
        TopologyPlan plan = options.plan();
        BuildArtifacts artifacts = BuildArtifacts.fromSystemProperty();
        Progress progress = new Progress(System.out);
        progress.say("Starting Coffer (" + size(plan) + ") in " + plan.home());
        Instant started = Instant.now();
        Topology topology = new Topology(plan, artifacts, progress);
        try (HomeLock lock = HomeLock.acquire(plan)) {
            TopologyState.save(plan);
            topology.start(!options.noDeploy);
        }
        progress.say("");
        progress.say(String.format(
                Locale.ROOT,
                "Coffer is up (%.0f s).",
                Duration.between(started, Instant.now()).toMillis() / 1000.0));
        hostLines(plan).forEach(progress::say);
        if (plan.shards() > 1) {
            progress.say("  clients talk to the hosts of " + TopologyPlan.CELL
                    + "; requests for another shard's vaults go on to that shard's cell");
        }
        Path operator = plan.home().resolve("operator/config");
        progress.say("  operator credentials (OCI SDK config, profile DEFAULT): " + operator);
        progress.say("  Derby and broker credentials (for tools that connect to them): "
                + plan.home().resolve(InternalCredentials.FILE));
        progress.say("  Coffer's CA and cell certificates (./coffer renew-certs re-issues them): "
                + plan.home().resolve(CellPki.DIRECTORY));
        progress.say("  metrics " + plan.host(1).url() + "/metrics   health "
                + plan.host(1).url() + "/health");
        progress.say("  logs in " + plan.logs() + " and " + plan.domainsDir() + "/<host>/logs");
        progress.say("Stop it with ./coffer stop.");
    }

    private static void stop(Options options) throws IOException {
        TopologyPlan plan = options.plan();
        Progress progress = new Progress(System.out);
        progress.say("Stopping Coffer in " + plan.home());
        Topology topology =
                new Topology(plan, new BuildArtifacts(Path.of(System.getProperty("coffer.root", "."))), progress);
        List<String> leftovers;
        try (HomeLock lock = HomeLock.acquire(plan)) {
            leftovers = topology.stop();
        }
        if (!leftovers.isEmpty()) {
            throw new CliException("still running after stop: " + String.join(", ", leftovers));
        }
        progress.say("Nothing of Coffer runs any more.");
    }

    /** Re-issues every cell's certificate from the same CA; running hosts keep the old one until they start again. */
    private static void renewCertificates(Options options) throws IOException {
        TopologyPlan plan = options.plan();
        try (HomeLock lock = HomeLock.acquire(plan)) {
            CellPki pki = CellPki.of(plan.home());
            for (String cell : plan.cells()) {
                pki.renew(cell);
                System.out.println(
                        "Re-issued the certificate of " + cell + " from Coffer's CA: " + pki.cellKeyStore(cell));
            }
        }
        System.out.println("Running hosts use it from their next start (./coffer stop, then ./coffer start);"
                + " the CA and the trust store are unchanged.");
    }

    private static void status(Options options) {
        TopologyPlan plan = options.plan();
        Topology topology = new Topology(
                plan, new BuildArtifacts(Path.of(System.getProperty("coffer.root", "."))), new Progress(System.out));
        System.out.println("Coffer in " + plan.home() + " (" + size(plan) + ")");
        for (DerbyServer store : topology.storeServers()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s %-28s %s%n",
                    "base".equals(store.plan().name())
                            ? "derby"
                            : "derby-" + store.plan().name(),
                    "127.0.0.1:" + store.plan().port(),
                    store.state());
        }
        System.out.printf(Locale.ROOT, "  %-8s %-28s %s%n", "broker", plan.brokerUrl(), topology.brokerState());
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        OciRequestSigner operator = operator(plan.home().resolve("operator/config"));
        for (HostNode host : topology.hosts()) {
            String state = host.state();
            boolean answering = host.running()
                    .filter(process -> !Processes.suspended(process))
                    .isPresent();
            String replication = answering && host.orphan().isEmpty()
                    ? replication(client, operator, host.plan().url())
                    : "";
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s %-28s %s%s%n",
                    host.plan().name(),
                    host.plan().url(),
                    state,
                    replication);
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s %-28s %s: its cell-internal listener (mutual TLS, Coffer's CA only)%n",
                    "",
                    host.plan().cellUrl(),
                    role(host.plan()));
        }
        System.out.print(storeLines(plan));
        System.out.println("  credentials of the Derby network server and the broker: "
                + plan.home().resolve(InternalCredentials.FILE));
        System.out.println("  Coffer's CA, cell certificates and trust store: "
                + plan.home().resolve(CellPki.DIRECTORY));
    }

    /**
     * How many hosts, and in how many cells: {@code 3 hosts}, or {@code 4 hosts, 2 per cell, a cell for each of 2
     * shards}.
     */
    static String size(TopologyPlan plan) {
        String hosts = plan.totalHosts() + " host" + (plan.totalHosts() == 1 ? "" : "s");
        return plan.shards() == 1
                ? hosts
                : hosts + ", " + plan.hosts() + " per cell, a cell for each of " + plan.shards() + " shards";
    }

    /** What a host is in the topology, e.g. {@code host of cell-1}. */
    static String role(HostPlan host) {
        return "host of " + host.cell();
    }

    /**
     * Where each host of every cell answers, the base cell's first: clients talk to the base cell, whose {@code host-1}
     * comes first.
     */
    static List<String> hostLines(TopologyPlan plan) {
        return plan.hostPlans().stream()
                .map(host -> "  " + host.name() + " (" + role(host) + ")  API " + host.url() + "   console "
                        + host.url() + "/console/   admin port " + host.adminPort() + "   cell-internal "
                        + host.cellUrl())
                .toList();
    }

    /** Every remote store with its address and the cell whose hosts serve it. */
    static String storeLines(TopologyPlan plan) {
        StringBuilder lines = new StringBuilder();
        for (String store : plan.remoteStores()) {
            String cell = TopologyPlan.cellOf(store);
            String hosts = plan.hostsOf(cell).stream().map(HostPlan::name).collect(Collectors.joining(" "));
            lines.append(String.format(
                    Locale.ROOT,
                    "  %-8s %-28s %s%n",
                    store,
                    "127.0.0.1:" + plan.storeServerOf(store).port() + "/coffer-" + store,
                    store.equals("base")
                            ? "routing metadata and identities, replicated to every cell"
                            : "vaults; served by " + cell + ": " + hosts));
        }
        return lines.toString();
    }

    private static OciRequestSigner operator(Path config) {
        try {
            return Files.isRegularFile(config) ? OciRequestSigner.fromConfig(config) : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The host's applied position per remote store, e.g. {@code applied base@3 shard-0@17}, asked as the operator. */
    private static String replication(HttpClient client, OciRequestSigner operator, String url) {
        if (operator == null) {
            return "   (no operator credentials yet)";
        }
        try {
            URI uri = URI.create(url + "/admin/v1/replication");
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
            operator.sign("GET", uri, null).forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "   replication: HTTP " + response.statusCode();
            }
            return "   applied " + ReplicationSummary.of(response.body());
        } catch (IOException unreachable) {
            return "   (not answering HTTP)";
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Path writeIncident(Exception unexpected) {
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "coffer-cli.log");
        try {
            StringWriter trace = new StringWriter();
            unexpected.printStackTrace(new PrintWriter(trace));
            Files.writeString(
                    log, Instant.now() + " " + trace + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // Nowhere to write: the one-line message above is all there is.
        }
        return log;
    }

    /** The command line's options. */
    static final class Options {
        Integer hosts;
        Integer portBase;
        Integer derbyPort;
        Integer brokerPort;
        Integer shards;
        Path home;
        boolean noDeploy;
        Boolean adjustableClock;

        static Options parse(Deque<String> args) {
            Options options = new Options();
            while (!args.isEmpty()) {
                String option = args.removeFirst();
                switch (option) {
                    case "--hosts" -> options.hosts = number(option, args);
                    case "--port-base" -> options.portBase = number(option, args);
                    case "--derby-port" -> options.derbyPort = number(option, args);
                    case "--shards" -> options.shards = number(option, args);
                    case "--broker-port" -> options.brokerPort = number(option, args);
                    case "--home" -> options.home = Path.of(value(option, args));
                    case "--no-deploy" -> options.noDeploy = true;
                    case "--adjustable-clock" -> options.adjustableClock = true;
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            return options;
        }

        TopologyPlan plan() {
            Path chosen = home;
            if (chosen == null) {
                String env = System.getenv("COFFER_HOME");
                chosen = env != null && !env.isBlank()
                        ? Path.of(env)
                        : Path.of(System.getProperty("user.home"), ".coffer");
            }
            return TopologyState.plan(chosen, hosts, portBase, derbyPort, brokerPort, adjustableClock, shards);
        }

        private static String value(String option, Deque<String> args) {
            if (args.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.removeFirst();
        }

        private static int number(String option, Deque<String> args) {
            String value = value(option, args);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
            }
        }
    }
}
