package io.coffer.it.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.it.support.CofferCommand;
import io.coffer.it.support.CofferCommand.Outcome;
import io.coffer.it.support.TopologyProcesses;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A start that cannot work says why in one line, starts nothing, and leaves no process behind. */
class BadConfigurationIT {

    private static final Path HOME = Path.of(System.getProperty("coffer.topology.home") + "-bad")
            .toAbsolutePath()
            .normalize();

    @Test
    void aTakenHttpPortIsNamed() throws IOException {
        try (ServerSocket taken = occupy(26080)) {
            Outcome outcome = start();
            assertRefused(outcome, "port 26080 is already in use by another process (HTTP of host-1");
        }
    }

    @Test
    void aTakenDerbyPortIsNamed() throws IOException {
        try (ServerSocket taken = occupy(26527)) {
            assertRefused(start(), "port 26527 is already in use by another process (Derby network server");
        }
    }

    @Test
    void aTakenBrokerPortIsNamed() throws IOException {
        try (ServerSocket taken = occupy(26616)) {
            assertRefused(start(), "port 26616 is already in use by another process (JMS broker");
        }
    }

    @Test
    void nonsenseOptionsAreRefused() {
        Outcome noHosts = CofferCommand.run(Duration.ofMinutes(2), "start", "--home", HOME.toString(), "--hosts", "0");
        assertThat(noHosts.exitCode()).isEqualTo(2);
        assertThat(noHosts.err()).contains("--hosts must be between 1 and 9");
        Outcome unknown =
                CofferCommand.run(Duration.ofMinutes(2), "start", "--home", HOME.toString(), "--colour", "red");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option '--colour'");
        assertThat(TopologyProcesses.of(HOME)).isEmpty();
    }

    private static Outcome start() {
        return CofferCommand.run(
                Duration.ofMinutes(3),
                "start",
                "--home",
                HOME.toString(),
                "--port-base",
                "26000",
                "--derby-port",
                "26527",
                "--broker-port",
                "26616");
    }

    private static void assertRefused(Outcome outcome, String message) {
        assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(1);
        assertThat(outcome.err()).contains("coffer: " + message);
        assertThat(outcome.all()).doesNotContain("Exception", "\tat ");
        assertThat(TopologyProcesses.of(HOME))
                .as("processes started by a refused start")
                .isEmpty();
    }

    private static ServerSocket occupy(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }
}
