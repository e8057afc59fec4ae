package io.coffer.server.topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The ActiveMQ broker every host publishes to and subscribes from (see {@code io.coffer.server.broker.BrokerMain}). */
public final class BrokerServer {

    private final TopologyPlan plan;
    private final BuildArtifacts artifacts;

    public BrokerServer(TopologyPlan plan, BuildArtifacts artifacts) {
        this.plan = plan;
        this.artifacts = artifacts;
    }

    public Optional<ProcessHandle> running() {
        return Processes.running(pidFile());
    }

    public void start() throws java.io.IOException {
        if (running().isPresent()) {
            Processes.awaitListening(
                    plan.brokerPort(), Duration.ofSeconds(60), running().get(), "the JMS broker", log());
            return;
        }
        if (!Processes.free(plan.brokerPort())) {
            throw new CliException("port " + plan.brokerPort() + " (JMS broker) is already in use by another process;"
                    + " stop it or choose another with --broker-port");
        }
        List<String> command = List.of(
                Java.executable(),
                "-Xmx384m",
                "-Djava.net.preferIPv4Stack=true",
                "-Dactivemq.idgenerator.localport=" + plan.brokerPort(),
                "-cp",
                artifacts.cliClasspath(),
                "io.coffer.server.broker.BrokerMain",
                plan.brokerData().toString(),
                String.valueOf(plan.brokerPort()));
        long pid = Processes.startDetached(command, plan.brokerData(), log(), pidFile());
        Processes.awaitListening(
                plan.brokerPort(), Duration.ofSeconds(60), ProcessHandle.of(pid).orElse(null), "the JMS broker", log());
    }

    public boolean stop() {
        return running()
                .map(process -> Processes.stop(process, Duration.ofSeconds(30)))
                .orElse(true);
    }

    public Path log() {
        return plan.logs().resolve("broker.log");
    }

    private Path pidFile() {
        return plan.runDir().resolve("broker.pid");
    }
}
