package io.coffer.server.topology;

import io.coffer.server.topology.TopologyPlan.HostPlan;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One app-server instance of the topology: a Payara Server domain made into a Coffer host (see {@link DomainXml}
 * for what changes in domain.xml, {@link #resourceCommands} for the resources), with the EAR deployed.
 */
public final class HostNode {

    private static final String CONFIGURED_MARKER = "coffer-configured";
    private static final String DEPLOYED_MARKER = "coffer-deployed.sha256";

    private final TopologyPlan plan;
    private final HostPlan host;
    private final BuildArtifacts artifacts;
    private final Asadmin asadmin;

    public HostNode(TopologyPlan plan, HostPlan host, BuildArtifacts artifacts) {
        this.plan = plan;
        this.host = host;
        this.artifacts = artifacts;
        this.asadmin = new Asadmin(plan.payaraHome(), asadminLog());
    }

    public HostPlan plan() {
        return host;
    }

    public Path domainDir() {
        return plan.domainsDir().resolve(host.name());
    }

    public Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    public Path asadminLog() {
        return plan.logs().resolve(host.name() + "-asadmin.log");
    }

    public Optional<ProcessHandle> running() {
        return Processes.running(domainDir().resolve("config/pid"));
    }

    /** Whether the domain exists and was fully made into a Coffer host with this topology's settings. */
    public boolean provisioned() {
        Path marker = domainDir().resolve(CONFIGURED_MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).equals(configurationKey());
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Creates the domain from scratch (any half-made one is removed first) and applies Coffer's edits. */
    public void create() throws IOException {
        if (running().isPresent()) {
            stop();
        }
        deleteRecursively(domainDir());
        asadmin.local(
                "create-domain",
                "--nopassword=true",
                "--portbase",
                String.valueOf(host.portBase()),
                "--domaindir",
                plan.domainsDir().toString(),
                "--checkports=false",
                host.name());
        DomainXml.patch(domainDir().resolve("config/domain.xml"), plan, host);
        Path lib = domainDir().resolve("lib");
        Files.createDirectories(lib);
        for (Path jar : artifacts.derbyServerLibs()) {
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public void start() {
        if (running().isEmpty()) {
            checkPortsFree();
            asadmin.local("start-domain", "--domaindir", plan.domainsDir().toString(), host.name());
        }
    }

    /** Creates the JMS and JDBC resources on the running domain; then the domain counts as provisioned. */
    public void configure() throws IOException {
        Path commands = plan.runDir().resolve(host.name() + "-resources.asadmin");
        Files.createDirectories(commands.getParent());
        Files.write(commands, resourceCommands(), StandardCharsets.UTF_8);
        asadmin.remote(host.adminPort(), "multimode", "--file", commands.toString());
        Files.writeString(domainDir().resolve(CONFIGURED_MARKER), configurationKey());
    }

    /** Deploys the EAR unless this very EAR is already deployed here. */
    public boolean deploy() throws IOException {
        Path ear = artifacts.ear();
        String digest = sha256(ear);
        Path marker = domainDir().resolve(DEPLOYED_MARKER);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(digest)) {
            return false;
        }
        asadmin.remote(host.adminPort(), "deploy", "--force=true", "--name", "coffer", ear.toString());
        Files.writeString(marker, digest);
        return true;
    }

    public void stop() {
        Optional<ProcessHandle> process = running();
        if (process.isEmpty()) {
            return;
        }
        try {
            asadmin.local("stop-domain", "--domaindir", plan.domainsDir().toString(), host.name());
        } catch (CliException notAnswering) {
            // The admin port did not answer: stop the process directly.
        }
        process.filter(ProcessHandle::isAlive).ifPresent(alive -> Processes.stop(alive, Duration.ofSeconds(30)));
    }

    /** Waits until /health answers UP; otherwise says which checks are down. */
    public void awaitHealthy(Duration timeout) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (running().isEmpty()) {
                throw new CliException(host.name() + " exited during start-up; see " + serverLog());
            }
            try {
                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(URI.create(host.url() + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
                last = health.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted");
            }
            Processes.sleep(1000);
        }
        throw new CliException(
                host.name() + " is not healthy after " + timeout.toSeconds() + " s: " + last + "; see " + serverLog());
    }

    /** The asadmin commands that give a domain Coffer's resources (run once, after its first start). */
    List<String> resourceCommands() {
        List<String> commands = new ArrayList<>();
        commands.add("create-resource-adapter-config --property ServerUrl=" + escape(plan.brokerUrl())
                + ":UserName=coffer:Password=coffer activemq-rar");
        commands.add("deploy --type rar --name activemq-rar " + artifacts.activemqRar());
        commands.add(
                "create-connector-connection-pool --raname activemq-rar --connectiondefinition jakarta.jms.ConnectionFactory"
                        + " --transactionsupport XATransaction --ping=false --steadypoolsize 1 --maxpoolsize 32 jms/coffer/pool");
        commands.add("create-connector-resource --poolname jms/coffer/pool jms/coffer/ConnectionFactory");
        commands.add("create-admin-object --raname activemq-rar --restype jakarta.jms.Topic"
                + " --property PhysicalName=coffer.replication jms/coffer/replication");
        List<String> stores = new ArrayList<>();
        stores.add("base");
        stores.addAll(TopologyPlan.SHARDS);
        for (String store : stores) {
            commands.add("create-jdbc-connection-pool --datasourceclassname org.apache.derby.jdbc.ClientXADataSource"
                    + " --restype javax.sql.XADataSource --steadypoolsize 2 --maxpoolsize 32 --failconnection=true"
                    + " --property serverName=127.0.0.1:portNumber=" + plan.derbyPort()
                    + ":databaseName=coffer-" + store + ":createDatabase=create coffer-" + store);
            commands.add("create-jdbc-resource --connectionpoolid coffer-" + store + " jdbc/coffer/" + store);
        }
        commands.add("create-jdbc-connection-pool --datasourceclassname org.apache.derby.jdbc.EmbeddedXADataSource"
                + " --restype javax.sql.XADataSource --steadypoolsize 2 --maxpoolsize 64"
                + " --property databaseName="
                + escape(domainDir().resolve("coffer-local").toString())
                + ":createDatabase=create coffer-local");
        commands.add("create-jdbc-resource --connectionpoolid coffer-local jdbc/coffer/local");
        return commands;
    }

    /** Changes to any of these need the domain made again. */
    String configurationKey() {
        return "v2 derby=" + plan.derbyPort() + " broker=" + plan.brokerUrl() + " members=" + plan.hazelcastMembers()
                + " home=" + plan.home() + " portBase=" + host.portBase() + " adjustableClock="
                + plan.adjustableClock();
    }

    private void checkPortsFree() {
        for (TopologyPlan.NamedPort port : host.ports()) {
            if (!Processes.free(port.port())) {
                throw new CliException("port " + port.port() + " (" + port.what() + ") is already in use by another"
                        + " process; stop it or choose other ports with --port-base");
            }
        }
    }

    /** A property value for asadmin's {@code --property a=b:c=d}: colons escaped, and quoted for multimode's tokenizer. */
    static String escape(String value) {
        return "'" + value.replace(":", "\\:").replace("=", "\\=") + "'";
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
