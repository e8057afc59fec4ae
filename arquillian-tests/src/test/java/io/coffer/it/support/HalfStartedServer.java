package io.coffer.it.support;

import io.coffer.server.topology.Processes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for a Payara server whose start failed inside the server ("Failed to start, exiting", as seen under load):
 * a JVM that has begun to exit and never finishes, still holding the domain's ports, with the domain's directory on
 * its command line as Payara's own server has it, and no PID file. SIGTERM cannot end it (it is exiting already);
 * SIGKILL does.
 *
 * <p>Run as {@code java -Dcom.sun.aas.instanceRoot=<domain dir> HalfStartedServer <port>...}.
 */
public final class HalfStartedServer {

    private HalfStartedServer() {}

    public static void main(String[] args) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        for (String port : args) {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)));
            held.add(socket);
        }
        System.out.println("Failed to start, exiting (holding " + held.size() + " ports)");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                new CountDownLatch(1).await();
                            } catch (InterruptedException never) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "stuck-shutdown"));
        System.exit(1);
    }

    /** Launches one for that domain, holding those ports, and waits until it holds them. */
    public static Process launch(Path domainDir, int... ports) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.sun.aas.instanceRoot=" + domainDir,
                "-cp",
                testClasses(),
                HalfStartedServer.class.getName()));
        for (int port : ports) {
            command.add(String.valueOf(port));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Processes.listening(ports[ports.length - 1])) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IOException("the stand-in for a half-started server did not take its ports");
            }
            Http.sleep(100);
        }
        return process;
    }

    private static String testClasses() {
        try {
            return Path.of(HalfStartedServer.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
