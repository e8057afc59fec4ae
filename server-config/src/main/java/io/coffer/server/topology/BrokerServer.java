package io.coffer.server.topology;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The ActiveMQ broker every host publishes to and subscribes from (see {@code io.coffer.server.broker.BrokerMain}):
 * it reads its one user and password from the install's credentials file and refuses every other connection.
 */
public final class BrokerServer {

    private static final String MAIN = "io.coffer.server.broker.BrokerMain";

    private final TopologyPlan plan;
    private final BuildArtifacts artifacts;
    private final ServiceProcess process;

    public BrokerServer(TopologyPlan plan, BuildArtifacts artifacts) {
        this.plan = plan;
        this.artifacts = artifacts;
        this.process = new ServiceProcess(
                "the JMS broker",
                plan.brokerPort(),
                "--broker-port",
                plan.runDir().resolve("broker.pid"),
                plan.logs().resolve("broker.log"),
                plan.brokerData(),
                Processes.javaWith(MAIN, plan.brokerData().toString()));
    }

    ServiceProcess process() {
        return process;
    }

    /**
     * Starts the broker unless it runs with the install's credentials already.
     *
     * @return what was out of the ordinary, for the terminal; null if nothing was
     */
    public String start() throws IOException {
        process.prepareWorkDir();
        String credentials = credentialsFile().toString();
        String restarted = process.stopIfUnauthenticated(
                running -> !Processes.arguments(running).contains(credentials));
        return ServiceProcess.unusual(
                restarted,
                process.start(List.of(
                        Java.executable(),
                        "-Xmx384m",
                        "-Djava.net.preferIPv4Stack=true",
                        LoopbackNames.jvmOption(plan.home()),
                        "-Dactivemq.idgenerator.localport=" + plan.brokerPort(),
                        "-cp",
                        artifacts.cliClasspath(),
                        MAIN,
                        plan.brokerData().toString(),
                        String.valueOf(plan.brokerPort()),
                        credentials)));
    }

    private Path credentialsFile() {
        return plan.home().resolve(InternalCredentials.FILE);
    }
}
