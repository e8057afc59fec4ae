package io.coffer.server.topology;

import io.coffer.server.pki.CellPki;
import io.coffer.server.pki.StorePasswords;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts, stops and describes a Coffer topology on one machine: the Derby network servers of the remote stores, the
 * JMS broker, and the Payara Server hosts of every cell, each with its own local store, all clustered through one
 * Payara data grid.
 *
 * <p>A start brings back whatever is missing after any crash, and stops what a failed start left behind: processes are
 * found by their PID files and by their command lines, and a host whose start fails is stopped and started again.
 */
public final class Topology {

    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(4);
    /** How long a started server may take to load Coffer (start-domain returns before its applications are loaded). */
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(4);
    /** A host's start fails now and then on a loaded machine (a race inside the server): a few attempts suffice. */
    static final int HOST_START_ATTEMPTS = 3;

    private final TopologyPlan plan;
    private final BuildArtifacts artifacts;
    private final Progress progress;
    private final List<DerbyServer> stores;
    private final BrokerServer broker;

    public Topology(TopologyPlan plan, BuildArtifacts artifacts, Progress progress) {
        this.plan = plan;
        this.artifacts = artifacts;
        this.progress = progress;
        this.stores = plan.storeServers().stream()
                .map(server -> new DerbyServer(plan, server, artifacts))
                .toList();
        this.broker = new BrokerServer(plan, artifacts);
    }

    public TopologyPlan plan() {
        return plan;
    }

    /** Starts everything that is not running yet; {@code deploy=false} leaves the EAR to someone else (tests). */
    public void start(boolean deploy) throws IOException {
        checkHome();
        progress.step("stop what a failed start left behind", this::stopLeftovers);
        progress.step("check that the ports are free", this::checkPortsFree);
        Files.createDirectories(plan.logs());
        Files.createDirectories(plan.runDir());
        InternalCredentials credentials = InternalCredentials.ensure(plan.home());
        CellPki pki = progress.step(
                "Coffer's CA and the certificate" + (plan.cells().size() == 1 ? "" : "s") + " of "
                        + String.join(", ", plan.cells()) + " in " + plan.home().resolve(CellPki.DIRECTORY),
                () -> CellPki.ensure(plan.home(), plan.cells()));
        progress.step(
                "Payara Server " + plan.payaraHome(),
                () -> PayaraInstall.ensure(artifacts.payaraZip(), plan.payaraHome()));
        boolean storesWereDown = false;
        for (DerbyServer store : stores) {
            storesWereDown |= store.process().running().isEmpty();
            sayIfAny(progress.step(
                    store.plan().title() + " on 127.0.0.1:" + store.plan().port() + " (log " + store.log() + ")",
                    () -> store.start(credentials)));
        }
        if (storesWereDown) {
            completePreparedTransactions();
        }
        sayIfAny(progress.step(
                "JMS broker on " + plan.brokerUrl() + " (log "
                        + broker.process().log() + ")",
                broker::start));
        List<HostNode> hosts = hosts();
        // Two at a time: each domain start is CPU-bound for a while, and a 2-core machine is the baseline.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, hosts.size()));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (HostNode host : hosts) {
                started.add(pool.submit(() -> {
                    new StartAttempts(host.plan().name(), HOST_START_ATTEMPTS, progress)
                            .run(
                                    () -> startHost(host, deploy, credentials, pki.passwords()),
                                    stopped -> stopAfterFailedStart(host, stopped));
                    return null;
                }));
            }
            awaitAll(started);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A Derby server that went down in the middle of a host's two-phase commit keeps that transaction prepared when it
     * starts again, holding its row locks (every host's writes and replication wait behind them) until the host's
     * transaction manager completes it; Payara does that by itself only when the host starts. Hosts that kept running
     * are asked to do it now ({@code recover-transactions}: each completes only transactions of its own log, as it
     * decided them). One that cannot is named, and the start goes on.
     */
    private void completePreparedTransactions() {
        for (HostNode host : hosts()) {
            if (host.running().isPresent()) {
                String name = host.plan().name();
                try {
                    progress.step(
                            name + ": complete its transactions the Derby server's restart left prepared",
                            host::recoverTransactions);
                } catch (CliException failed) {
                    progress.say("     " + name + " could not complete them (its row locks stay until it restarts): "
                            + failed.getMessage());
                }
            }
        }
    }

    private void sayIfAny(String unusual) {
        if (unusual != null) {
            progress.say("     " + unusual);
        }
    }

    private void startHost(HostNode host, boolean deploy, InternalCredentials credentials, StorePasswords pkiPasswords)
            throws IOException {
        String name = host.plan().name();
        if (!host.provisioned()) {
            progress.step(name + ": create domain (port base " + host.plan().portBase() + ")", host::create);
            progress.step(name + ": start domain", host::start);
            progress.step(name + ": create JDBC and JMS resources", () -> host.configure(credentials));
        } else {
            progress.step(name + ": start domain (log " + host.serverLog() + ")", host::start);
            if (!host.usesCredentials(credentials)) {
                progress.step(
                        name + ": give its resources the install's credentials, and restart it",
                        () -> host.applyCredentials(credentials));
            }
            if (!host.usesDeadlines()) {
                progress.step(
                        name + ": give its resources the deadlines of " + Deadlines.FILE + ", and restart it",
                        host::applyDeadlines);
            }
        }
        if (deploy) {
            progress.step(name + ": deploy " + artifacts.ear().getFileName(), host::deploy);
            progress.step(name + ": wait until Coffer is loaded", () -> host.awaitLoaded(LOAD_TIMEOUT));
        }
        progress.step(name + ": open " + host.plan().url() + " to clients", host::openToClients);
        progress.step(
                name + ": open the cell-internal listener " + host.plan().cellUrl() + " (client certificate required)",
                () -> host.openCellListener(pkiPasswords));
        if (deploy) {
            progress.step(
                    name + ": wait until healthy at " + host.plan().url() + "/health",
                    () -> host.awaitHealthy(HEALTH_TIMEOUT));
        }
    }

    private static void stopAfterFailedStart(HostNode host, StringBuilder stopped) {
        List<ProcessHandle> processes = host.processes();
        processes.forEach(process ->
                stopped.append(stopped.length() == 0 ? "" : ", ").append("pid ").append(process.pid()));
        host.stop();
    }

    /**
     * A host's JVM without its PID file holds the host's ports and answers wrongly or not at all (a start that failed
     * inside the server); a suspended server answers nothing. The first is stopped, the second resumed.
     */
    private void stopLeftovers() {
        for (HostNode host : hosts()) {
            host.orphan().ifPresent(orphan -> {
                progress.say("     " + host.plan().name() + ": a JVM of its domain (pid " + orphan.pid()
                        + ") runs without" + " its PID file, left by a start that failed; stopping it");
                host.stop();
            });
            host.running().filter(Processes::suspended).ifPresent(suspended -> {
                progress.say("     " + host.plan().name() + " (pid " + suspended.pid()
                        + ") was suspended (SIGSTOP); resuming it");
                Processes.resume(suspended);
            });
        }
    }

    /**
     * Stops the hosts, then the broker, then Derby: every process of this home, found by PID file and by command
     * line (hosts of a larger earlier topology too).
     *
     * @return the processes still running after
     */
    public List<String> stop() {
        List<String> leftovers = new ArrayList<>();
        for (HostNode host : hosts()) {
            if (!host.processes().isEmpty()) {
                progress.step(host.plan().name() + ": stop domain", () -> {
                    host.stop().forEach(process -> leftovers.add(host.plan().name() + " (pid " + process.pid() + ")"));
                });
            }
        }
        for (ProcessHandle other : otherDomains()) {
            progress.step("stop a host outside the plan (pid " + other.pid() + ")", () -> {
                if (!Processes.stop(other, Duration.ofSeconds(30))) {
                    leftovers.add("host outside the plan (pid " + other.pid() + ")");
                }
            });
        }
        stopService("JMS broker", broker.process(), leftovers);
        for (DerbyServer store : stores) {
            stopService(store.plan().title(), store.process(), leftovers);
        }
        for (ProcessHandle other : otherStoreServers()) {
            progress.step("stop a Derby network server outside the plan (pid " + other.pid() + ")", () -> {
                if (!Processes.stop(other, Duration.ofSeconds(30))) {
                    leftovers.add("Derby network server outside the plan (pid " + other.pid() + ")");
                }
            });
        }
        return leftovers;
    }

    private void stopService(String name, ServiceProcess service, List<String> leftovers) {
        if (!service.all().isEmpty()) {
            progress.step("stop " + name, () -> {
                service.stop().forEach(process -> leftovers.add(name + " (pid " + process.pid() + ")"));
            });
        }
    }

    /** JVMs of domains in this home that the plan does not name (hosts of an earlier, larger topology). */
    private List<ProcessHandle> otherDomains() {
        String prefix = "-Dcom.sun.aas.instanceRoot=" + plan.domainsDir() + "/";
        List<String> planned = hosts().stream()
                .map(host -> "-Dcom.sun.aas.instanceRoot=" + host.domainDir())
                .toList();
        return Processes.withCommandLine(commandLine ->
                commandLine.stream().anyMatch(argument -> argument.startsWith(prefix) && !planned.contains(argument)));
    }

    /** Derby servers of shard stores in this home that the plan does not name (of an earlier topology with more). */
    private List<ProcessHandle> otherStoreServers() {
        String prefix = "-Dderby.system.home=" + plan.home().resolve("derby-shard-");
        List<String> planned = stores.stream()
                .map(store -> "-Dderby.system.home=" + store.plan().home())
                .toList();
        return Processes.withCommandLine(commandLine ->
                commandLine.stream().anyMatch(argument -> argument.startsWith(prefix) && !planned.contains(argument)));
    }

    /** Every host of every cell, by index: the base cell's first. */
    public List<HostNode> hosts() {
        return plan.hostPlans().stream()
                .map(host -> new HostNode(plan, host, artifacts))
                .toList();
    }

    /** The Derby network servers of the remote stores, the base store's first. */
    public List<DerbyServer> storeServers() {
        return stores;
    }

    /** How status shows the broker. */
    public String brokerState() {
        return broker.process().state();
    }

    /** Every port something is about to listen on, before anything starts: a conflict leaves nothing half-started. */
    private void checkPortsFree() {
        List<TopologyPlan.NamedPort> needed = new ArrayList<>();
        for (DerbyServer store : stores) {
            if (store.process().running().isEmpty()) {
                needed.add(new TopologyPlan.NamedPort(
                        store.plan().title() + "; choose another with --derby-port",
                        store.plan().port()));
            }
        }
        if (broker.process().running().isEmpty()) {
            needed.add(new TopologyPlan.NamedPort("JMS broker; choose another with --broker-port", plan.brokerPort()));
        }
        for (HostNode host : hosts()) {
            if (host.running().isEmpty()) {
                host.plan()
                        .ports()
                        .forEach(port -> needed.add(new TopologyPlan.NamedPort(
                                port.what() + "; choose other ports with --port-base", port.port())));
            }
        }
        for (TopologyPlan.NamedPort port : needed) {
            if (!Processes.free(port.port())) {
                throw new CliException(
                        "port " + port.port() + " is already in use by another process (" + port.what() + ")");
            }
        }
    }

    private void checkHome() {
        String home = plan.home().toString();
        if (home.contains(" ") || home.contains(":") || home.contains("=")) {
            throw new CliException("COFFER_HOME " + home + " must not contain spaces, ':' or '='");
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        CliException first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                if (first == null) {
                    first = cause instanceof CliException cli ? cli : new CliException(cause.getMessage(), cause);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
