package io.coffer.server.topology;

import io.coffer.server.pki.CellPki;
import io.coffer.server.pki.StorePasswords;
import io.coffer.server.topology.TopologyPlan.HostPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One app-server instance of the topology: a Payara Server domain made into a Coffer host (see {@link DomainXml}
 * for what changes in domain.xml, {@link HostResources} for the resources), with the EAR deployed.
 *
 * <p>Its process is found by the domain's PID file and by its command line: a start that fails inside the server
 * ("Failed to start, exiting") can leave the JVM alive, holding the domain's ports, with the PID file gone.
 */
public final class HostNode {

    private static final String CONFIGURED_MARKER = "coffer-configured";
    private static final String CREDENTIALS_MARKER = "coffer-credentials";
    private static final String DEPLOYED_MARKER = "coffer-deployed.sha256";
    /** Written by Coffer's web module once it is loaded, with the server's PID (see {@code LoadedMarker}). */
    static final String LOADED_MARKER = "coffer-loaded.pid";

    private static final String DEADLINES_MARKER = "coffer-deadlines";
    /**
     * The fingerprint of the PKI store passwords the domain's password aliases hold. Every cell's key store has the same
     * password, so the aliases hold for whichever cell the host belongs to.
     */
    private static final String CELL_STORES_MARKER = "coffer-cell-stores";
    /** The data source that bounds the Derby client's waits, in a jar of its own on the server's library path. */
    private static final String DEADLINES_JAR = "coffer-derby-deadlines.jar";

    private final TopologyPlan plan;
    private final HostPlan host;
    private final BuildArtifacts artifacts;
    private final Asadmin asadmin;
    private final HostResources resources;
    private final Deadlines deadlines;

    public HostNode(TopologyPlan plan, HostPlan host, BuildArtifacts artifacts) {
        this.plan = plan;
        this.host = host;
        this.artifacts = artifacts;
        this.asadmin = new Asadmin(plan.payaraHome(), asadminLog(), plan.home());
        this.deadlines = Deadlines.of(plan.home());
        this.resources = new HostResources(plan, host, artifacts, deadlines);
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

    /** The domain's server, as its PID file names it. */
    public Optional<ProcessHandle> running() {
        return Processes.fromPidFile(domainDir().resolve("config/pid"), commandLine());
    }

    /** Every JVM of this domain, with or without a PID file. */
    public List<ProcessHandle> processes() {
        return Processes.withCommandLine(commandLine());
    }

    /** A JVM of this domain that its PID file does not name: what a start that failed half-way leaves behind. */
    public Optional<ProcessHandle> orphan() {
        Optional<ProcessHandle> recorded = running();
        return processes().stream()
                .filter(process -> recorded.isEmpty() || recorded.get().pid() != process.pid())
                .findFirst();
    }

    /** How status shows it. */
    public String state() {
        Optional<ProcessHandle> orphan = orphan();
        if (orphan.isPresent()) {
            return "running without a PID file (pid " + orphan.get().pid() + "): a start that failed half-way;"
                    + " ./coffer start replaces it";
        }
        return running()
                .map(process -> (Processes.suspended(process) ? "suspended (SIGSTOP)" : "running") + " (pid "
                        + process.pid() + ")")
                .orElse("stopped");
    }

    /** Payara starts a domain's server with its directory as the instance root. */
    private Predicate<List<String>> commandLine() {
        return Processes.javaWith("-Dcom.sun.aas.instanceRoot=" + domainDir());
    }

    /** Whether the domain exists and was fully made into a Coffer host with this topology's settings. */
    public boolean provisioned() {
        return markerHolds(CONFIGURED_MARKER, configurationKey());
    }

    /** Whether the domain's marker file of one step holds the value that step wrote (a missing file holds none). */
    private boolean markerHolds(String name, String value) {
        Path marker = domainDir().resolve(name);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).equals(value);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** Creates the domain from scratch (any half-made one is removed first) and applies Coffer's edits. */
    public void create() throws IOException {
        if (!processes().isEmpty()) {
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
        DomainLogging.patch(domainDir().resolve("config/logging.properties"));
        installLibraries();
    }

    /** Derby's jars and Coffer's deadline data source on the server's own library path (read at server start). */
    private void installLibraries() throws IOException {
        Path lib = domainDir().resolve("lib");
        Files.createDirectories(lib);
        for (Path jar : artifacts.derbyServerLibs()) {
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        artifacts.writeDeadlineDataSourceJar(lib.resolve(DEADLINES_JAR));
    }

    /**
     * Starts the domain unless it runs. A failure here, or a server that is gone or has lost its PID file right
     * after, is a {@link FailedStart}: the caller stops what is left and tries again.
     */
    public void start() {
        if (running().isPresent()) {
            return;
        }
        checkPortsFree();
        try {
            // Every start, not only the domain's first: a rebuilt Coffer's data source must replace the one a domain
            // made by an older build holds.
            installLibraries();
            Path domainXml = domainDir().resolve("config/domain.xml");
            DomainXml.armFailpoints(
                    domainXml, FailpointArming.forHost(System.getenv(FailpointArming.ENVIRONMENT), host.name()));
            DomainXml.closeToClients(domainXml);
            DomainXml.applyJvmOptions(domainXml, plan, host);
            DomainXml.applyBackgroundThreads(domainXml);
            DomainXml.setJvmOption(domainXml, LoopbackNames.jvmOption(plan.home()));
            // the key store of the host's own cell: its certificate names the cell that other cells' hosts reach
            DomainXml.prepareCellListener(
                    domainXml,
                    host,
                    CellPki.cellKeyStoreOf(plan.home(), host.cell()),
                    host.cell(),
                    CellPki.trustStoreOf(plan.home()));
        } catch (IOException unwritable) {
            throw new FailedStart(host.name() + ": " + unwritable.getMessage());
        }
        try {
            asadmin.local("start-domain", "--domaindir", plan.domainsDir().toString(), host.name());
        } catch (CliException failed) {
            throw new FailedStart(host.name() + ": " + failed.getMessage());
        }
        if (running().isEmpty()) {
            throw new FailedStart(
                    host.name() + ": start-domain returned but no server runs with a PID file; see " + serverLog());
        }
    }

    /**
     * Creates the JMS and JDBC resources on the running domain, with the install's credentials behind password
     * aliases; then the domain counts as provisioned.
     */
    public void configure(InternalCredentials credentials) throws IOException {
        resources.storePasswordAliases(asadmin, host.adminPort(), credentials);
        runCommands("resources", resources.resourceCommands());
        Files.writeString(domainDir().resolve(CONFIGURED_MARKER), configurationKey());
        Files.writeString(domainDir().resolve(CREDENTIALS_MARKER), credentials.fingerprint());
        Files.writeString(domainDir().resolve(DEADLINES_MARKER), deadlines.key());
    }

    /** Whether the domain's resources have the home's deadlines (a domain made before they existed has none). */
    public boolean usesDeadlines() {
        return markerHolds(DEADLINES_MARKER, deadlines.key());
    }

    /**
     * Gives the resources of a running domain the home's deadlines in place (its local store stays), with the data
     * source that enforces them on its library path, and restarts it so that they take effect.
     */
    public void applyDeadlines() throws IOException {
        installLibraries();
        runCommands("deadlines", resources.deadlineCommands());
        stop();
        start();
        Files.writeString(domainDir().resolve(DEADLINES_MARKER), deadlines.key());
    }

    /** Whether the domain's resources use these credentials (a domain made before they existed does not). */
    public boolean usesCredentials(InternalCredentials credentials) {
        return markerHolds(CREDENTIALS_MARKER, credentials.fingerprint());
    }

    /**
     * Gives the resources of a running domain made before the install had credentials (or with other ones) the
     * install's credentials, in place (its local store stays), and restarts it so that they take effect.
     */
    public void applyCredentials(InternalCredentials credentials) throws IOException {
        resources.storePasswordAliases(asadmin, host.adminPort(), credentials);
        runCommands("credentials", resources.credentialCommands());
        stop();
        start();
        Files.writeString(domainDir().resolve(CREDENTIALS_MARKER), credentials.fingerprint());
    }

    private void runCommands(String what, List<String> lines) throws IOException {
        Path commands = plan.runDir().resolve(host.name() + "-" + what + ".asadmin");
        Files.createDirectories(commands.getParent());
        Files.write(commands, lines, StandardCharsets.UTF_8);
        asadmin.remote(host.adminPort(), "multimode", "--file", commands.toString());
    }

    /**
     * Asks the running server to complete the transactions its own log says it left incomplete (a store that went down
     * during their commit), as it decided them: {@code asadmin recover-transactions}.
     */
    public void recoverTransactions() {
        asadmin.remote(host.adminPort(), "recover-transactions", "server");
    }

    /**
     * Waits until Coffer is loaded in the running server: its web module writes the server's PID into {@value
     * #LOADED_MARKER} once it is up. {@code start-domain} returns while the applications are still loading. A server
     * that exits, loses its PID file or never loads Coffer within the timeout is a {@link FailedStart}.
     */
    public void awaitLoaded(Duration timeout) {
        ProcessHandle server =
                running().orElseThrow(() -> new FailedStart(host.name() + " is not running; see " + serverLog()));
        Path marker = domainDir().resolve(LOADED_MARKER);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive() || running().isEmpty()) {
                throw new FailedStart(
                        host.name() + " (pid " + server.pid() + ") stopped while loading Coffer; see " + serverLog());
            }
            if (markerHolds(LOADED_MARKER, Long.toString(server.pid()))) {
                return;
            }
            Processes.sleep(250);
        }
        throw new FailedStart(host.name() + " did not load Coffer within " + timeout.toSeconds() + " s (no " + marker
                + " with its PID); see " + serverLog());
    }

    /**
     * Opens the client port of a running server, which starts with it closed ({@link DomainXml#closeToClients}): call
     * it once Coffer is deployed there. Payara starts the listener at once, without a restart.
     */
    public void openToClients() {
        try {
            if (DomainXml.clientListenerEnabled(domainDir().resolve("config/domain.xml"))) {
                // opened by an earlier start of this running server (Payara wrote it back): asadmin costs seconds
                return;
            }
        } catch (IOException unreadable) {
            // open it anyway
        }
        try {
            asadmin.remote(
                    host.adminPort(),
                    "set",
                    "configs.config.server-config.network-config.network-listeners.network-listener."
                            + DomainXml.CLIENT_LISTENER + ".enabled=true");
        } catch (CliException failed) {
            throw new FailedStart(host.name() + ": " + failed.getMessage());
        }
    }

    /**
     * Opens the cell-internal listener of a running server (it starts closed, {@link DomainXml#prepareCellListener}),
     * once the domain's password aliases hold the passwords of the PKI's stores. The listener reads its key store when
     * it starts: a renewed cell certificate is used from the host's next start.
     */
    public void openCellListener(StorePasswords passwords) throws IOException {
        if (!markerHolds(CELL_STORES_MARKER, passwords.fingerprint())) {
            resources.storeCellStoreAliases(asadmin, host.adminPort(), passwords);
            Files.writeString(domainDir().resolve(CELL_STORES_MARKER), passwords.fingerprint());
        }
        if (DomainXml.cellListenerEnabled(domainDir().resolve("config/domain.xml"))) {
            return;
        }
        try {
            asadmin.remote(
                    host.adminPort(),
                    "set",
                    "configs.config.server-config.network-config.network-listeners.network-listener."
                            + DomainXml.CELL_LISTENER + ".enabled=true");
        } catch (CliException failed) {
            throw new FailedStart(host.name() + ": " + failed.getMessage());
        }
    }

    /** Deploys the EAR unless this very EAR is already deployed here; a failure is a {@link FailedStart}. */
    public boolean deploy() throws IOException {
        Path ear = artifacts.ear();
        String digest = BuildArtifacts.sha256(ear);
        if (markerHolds(DEPLOYED_MARKER, digest)) {
            return false;
        }
        try {
            asadmin.remote(host.adminPort(), "deploy", "--force=true", "--name", "coffer", ear.toString());
        } catch (CliException failed) {
            // a server whose start went wrong inside fails its deployments: start it afresh
            throw new FailedStart(host.name() + ": " + failed.getMessage());
        }
        Files.writeString(domainDir().resolve(DEPLOYED_MARKER), digest);
        return true;
    }

    /** Stops the domain's server (asadmin first, then by signal) and every other JVM of the domain; returns what is left. */
    public List<ProcessHandle> stop() {
        if (running().isPresent()) {
            try {
                asadmin.local("stop-domain", "--domaindir", plan.domainsDir().toString(), host.name());
            } catch (CliException notAnswering) {
                // The admin port did not answer: stop the process directly.
            }
        }
        List<ProcessHandle> left = new ArrayList<>();
        for (ProcessHandle process : processes()) {
            Processes.stop(process, Duration.ofSeconds(30));
            if (process.isAlive()) {
                left.add(process);
            }
        }
        return left;
    }

    /** Waits until /health answers UP, watching the server it waits for (see {@link HostHealth}). */
    public void awaitHealthy(Duration timeout) {
        new HostHealth(this).await(timeout);
    }

    /** Changes to any of these need the domain made again. */
    String configurationKey() {
        return "v2 derby=" + plan.derbyPort() + " broker=" + plan.brokerUrl() + " members=" + plan.hazelcastMembers()
                + " home=" + plan.home() + " portBase=" + host.portBase() + " adjustableClock="
                + plan.adjustableClock()
                // a domain of an install from before there were more shards keeps its key (and is not made again)
                + (plan.shards() > 1 ? " shards=" + plan.shards() : "")
                // a host that another cell takes over (a domain from before there were more cells) is made again,
                // with a fresh local store for the shards it serves now; the base cell's hosts keep their key
                + (host.cell().equals(TopologyPlan.CELL) ? "" : " cell=" + host.cell());
    }

    private void checkPortsFree() {
        for (TopologyPlan.NamedPort port : host.ports()) {
            if (!Processes.free(port.port())) {
                throw new CliException("port " + port.port() + " (" + port.what() + ") is already in use by another"
                        + " process; stop it or choose other ports with --port-base");
            }
        }
    }

    /** Deletes a directory and everything in it; nothing to do when it is missing. */
    public static void deleteRecursively(Path directory) throws IOException {
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
