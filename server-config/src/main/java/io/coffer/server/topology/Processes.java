package io.coffer.server.topology;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starting, finding and stopping the background processes of a topology, by their PID files. */
public final class Processes {

    private Processes() {}

    /**
     * Starts a command in a session of its own (so that Ctrl-C on the CLI does not reach it), with its output in
     * {@code log}, and records its PID in {@code pidFile}.
     */
    public static long startDetached(List<String> command, Path workDir, Path log, Path pidFile) throws IOException {
        Files.createDirectories(log.getParent());
        Files.createDirectories(pidFile.getParent());
        Files.createDirectories(workDir);
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        long pid = process.pid();
        Files.writeString(pidFile, Long.toString(pid), StandardCharsets.US_ASCII);
        return pid;
    }

    /** The PID recorded in the file, if that process is still alive. */
    public static Optional<ProcessHandle> running(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Asks the process to stop (SIGTERM), waits, then kills it (SIGKILL) if it would not. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception stillRunning) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                return !process.isAlive();
            }
            return false;
        }
    }

    /** Whether something accepts connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** Whether the port can be bound on loopback right now. */
    public static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Waits until something listens on the port, or the process died, or the time is up. */
    public static void awaitListening(int port, Duration timeout, ProcessHandle process, String what, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (listening(port)) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new CliException(what + " exited during start-up; see " + log);
            }
            sleep(200);
        }
        throw new CliException(
                what + " did not listen on 127.0.0.1:" + port + " within " + timeout.toSeconds() + " s; see " + log);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
