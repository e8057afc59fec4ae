package io.coffer.server.topology;

import io.coffer.server.derby.CredentialsDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Derby network server holding remote stores (the base store's server also holds shard-0's store; every further
 * shard's store has a server of its own, see {@link TopologyPlan#storeServers}), on 127.0.0.1. Every connection
 * is authenticated (Derby's NATIVE authentication against the credentials database {@value CredentialsDatabase#NAME},
 * which also turns on SQL authorization); the one user is {@code app}, the owner of every store.
 */
public final class DerbyServer {

    /** Far longer than any Coffer transaction, short enough that a cell blocked by a killed host frees itself. */
    static final int XA_TRANSACTION_TIMEOUT_SECONDS = 30;

    private static final int LOGIN_TIMEOUT_SECONDS = 20;
    private static final String STORE_FUNCTIONS_JAR = "coffer-store-functions.jar";

    private final TopologyPlan plan;
    private final TopologyPlan.StoreServerPlan server;
    private final BuildArtifacts artifacts;
    private final ServiceProcess process;

    public DerbyServer(TopologyPlan plan, TopologyPlan.StoreServerPlan server, BuildArtifacts artifacts) {
        this.plan = plan;
        this.server = server;
        this.artifacts = artifacts;
        this.process = new ServiceProcess(
                "the " + server.title(),
                server.port(),
                "--derby-port",
                server.pidFile(),
                server.log(),
                server.home(),
                Processes.javaWith(
                        "-Dderby.system.home=" + server.home(), "org.apache.derby.drda.NetworkServerControl"));
    }

    public TopologyPlan.StoreServerPlan plan() {
        return server;
    }

    ServiceProcess process() {
        return process;
    }

    /** How status shows it: running, suspended or stopped, with its PID. */
    public String state() {
        return process.state();
    }

    /**
     * Starts the server unless it runs, with its credentials database made first on a new install (or an install from
     * before authentication, whose stores stay as they are: their owner was always {@code app}); then proves that the
     * credentials open a connection.
     *
     * @return what was out of the ordinary, for the terminal; null if nothing was
     */
    public String start(InternalCredentials credentials) throws IOException {
        process.prepareWorkDir();
        boolean newCredentials = !Files.isDirectory(credentialsDatabase());
        String restarted = process.stopIfUnauthenticated(running -> newCredentials);
        if (newCredentials) {
            createCredentialsDatabase();
        }
        String done = process.start(command());
        checkCredentials(credentials);
        return ServiceProcess.unusual(restarted, done);
    }

    public Path log() {
        return process.log();
    }

    /** Options of every JVM that opens this Derby system: the network server and the one-off credentials bootstrap. */
    private List<String> systemProperties() throws IOException {
        return List.of(
                LoopbackNames.jvmOption(plan.home()),
                "-Dderby.system.home=" + server.home(),
                "-Dderby.authentication.provider=NATIVE:" + CredentialsDatabase.NAME,
                // the one password is the install's; it must not expire under running servers (Derby's default: 31
                // days)
                "-Dderby.authentication.native.passwordLifetimeMillis=0");
    }

    private List<String> command() throws IOException {
        List<String> command = new ArrayList<>(List.of(Java.executable(), "-Xmx512m"));
        command.addAll(systemProperties());
        command.addAll(List.of(
                "-Dderby.drda.host=127.0.0.1",
                "-Dderby.drda.portNumber=" + server.port(),
                "-Dderby.storage.pageCacheSize=20000",
                // A global (XA) transaction outlives its connection in Derby: one a killed host left unprepared would
                // hold its row locks forever, and recovery only sees prepared ones. Roll such orphans back.
                "-Dderby.jdbc.xaTransactionTimeout=" + XA_TRANSACTION_TIMEOUT_SECONDS,
                "-cp",
                classpath(serverClasspath()),
                "org.apache.derby.drda.NetworkServerControl",
                "start",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(server.port()),
                "-noSecurityManager"));
        return command;
    }

    /** Derby's jars and the Java functions the stores declare (rewritten at every start: the build may be newer). */
    private List<Path> serverClasspath() throws IOException {
        Path functions = server.home().resolve(STORE_FUNCTIONS_JAR);
        artifacts.writeStoreFunctionsJar(functions);
        List<Path> classpath = new ArrayList<>(artifacts.derbyServerClasspath());
        classpath.add(functions);
        return classpath;
    }

    private void createCredentialsDatabase() throws IOException {
        List<String> command = new ArrayList<>(List.of(Java.executable()));
        command.addAll(systemProperties());
        List<Path> classpath = new ArrayList<>(artifacts.derbyServerClasspath());
        classpath.add(artifacts.cliClasses());
        command.addAll(List.of(
                "-cp",
                classpath(classpath),
                CredentialsDatabase.class.getName(),
                plan.home().resolve(InternalCredentials.FILE).toString()));
        Files.createDirectories(log().getParent());
        try {
            Process bootstrap = new ProcessBuilder(command)
                    .directory(server.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!bootstrap.waitFor(2, TimeUnit.MINUTES) || bootstrap.exitValue() != 0) {
                bootstrap.destroyForcibly();
                throw new CliException("creating Derby's credentials database failed; see " + log());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** One authenticated round trip: the server answers, and the install's credentials are the ones it checks. */
    private void checkCredentials(InternalCredentials credentials) {
        String url = "jdbc:derby://127.0.0.1:" + server.port() + "/" + CredentialsDatabase.NAME;
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        try (Connection connection =
                DriverManager.getConnection(url, credentials.derbyUser(), credentials.derbyPassword())) {
            connection.getMetaData().getUserName();
        } catch (SQLException refused) {
            throw new CliException("the Derby network server refuses the credentials in "
                    + plan.home().resolve(InternalCredentials.FILE) + " (" + refused.getMessage()
                    + "); if that file was replaced, put the original back; see " + log());
        }
    }

    private Path credentialsDatabase() {
        return server.home().resolve(CredentialsDatabase.NAME);
    }

    private static String classpath(List<Path> entries) {
        return String.join(":", entries.stream().map(Path::toString).toList());
    }
}
