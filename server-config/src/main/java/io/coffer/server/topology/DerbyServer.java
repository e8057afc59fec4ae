package io.coffer.server.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Derby network server holding the remote stores (the base store and shard-0's), on 127.0.0.1. */
public final class DerbyServer {

    /** Far longer than any Coffer transaction, short enough that a cell blocked by a killed host frees itself. */
    static final int XA_TRANSACTION_TIMEOUT_SECONDS = 30;

    private final TopologyPlan plan;
    private final BuildArtifacts artifacts;

    public DerbyServer(TopologyPlan plan, BuildArtifacts artifacts) {
        this.plan = plan;
        this.artifacts = artifacts;
    }

    public Optional<ProcessHandle> running() {
        return Processes.running(pidFile());
    }

    public void start() throws java.io.IOException {
        if (running().isPresent()) {
            if (!Processes.listening(plan.derbyPort())) {
                Processes.awaitListening(
                        plan.derbyPort(), Duration.ofSeconds(60), running().get(), "the Derby network server", log());
            }
            return;
        }
        if (!Processes.free(plan.derbyPort())) {
            throw new CliException("port " + plan.derbyPort() + " (Derby network server) is already in use by another"
                    + " process; stop it or choose another with --derby-port");
        }
        List<String> command = new ArrayList<>(List.of(
                Java.executable(),
                "-Xmx512m",
                "-Dderby.system.home=" + plan.derbyHome(),
                "-Dderby.drda.host=127.0.0.1",
                "-Dderby.drda.portNumber=" + plan.derbyPort(),
                "-Dderby.storage.pageCacheSize=20000",
                // A global (XA) transaction outlives its connection in Derby: one a killed host left unprepared would
                // hold its row locks forever, and recovery only sees prepared ones. Roll such orphans back.
                "-Dderby.jdbc.xaTransactionTimeout=" + XA_TRANSACTION_TIMEOUT_SECONDS,
                "-cp",
                classpath(),
                "org.apache.derby.drda.NetworkServerControl",
                "start",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(plan.derbyPort()),
                "-noSecurityManager"));
        long pid = Processes.startDetached(command, plan.derbyHome(), log(), pidFile());
        Processes.awaitListening(
                plan.derbyPort(),
                Duration.ofSeconds(60),
                ProcessHandle.of(pid).orElse(null),
                "the Derby network server",
                log());
    }

    public boolean stop() {
        return running()
                .map(process -> Processes.stop(process, Duration.ofSeconds(30)))
                .orElse(true);
    }

    public Path log() {
        return plan.logs().resolve("derby.log");
    }

    private Path pidFile() {
        return plan.runDir().resolve("derby.pid");
    }

    private String classpath() {
        return String.join(
                ":",
                artifacts.derbyServerClasspath().stream().map(Path::toString).toList());
    }
}
