package io.coffer.server.topology;

import java.io.File;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Starting, finding and stopping the background processes of a topology. A process is found by its PID file and by
 * its command line ({@code /proc/<pid>/cmdline}): a PID file can be missing (a start that failed half-way) or name a
 * PID that another program reuses now.
 */
public final class Processes {

    private static final Path PROC = Path.of("/proc");

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
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long pid = process.pid();
        Files.writeString(pidFile, Long.toString(pid), StandardCharsets.US_ASCII);
        return pid;
    }

    /** The process the PID file names, if it is alive and its command line is the one expected. */
    public static Optional<ProcessHandle> fromPidFile(Path pidFile, Predicate<List<String>> commandLine) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> commandLine.test(arguments(process)));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** Every live process whose command line matches, this CLI's own excepted. */
    public static List<ProcessHandle> withCommandLine(Predicate<List<String>> commandLine) {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != self)
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .filter(process -> commandLine.test(arguments(process)))
                    .toList();
        } catch (IOException unreadable) {
            throw new CliException("cannot list the processes in " + PROC + ": " + unreadable.getMessage(), unreadable);
        }
    }

    /** The process's arguments, the executable first; empty once it has exited. */
    public static List<String> arguments(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(
                    PROC.resolve(Long.toString(process.pid())).resolve("cmdline"));
            if (raw.length == 0) {
                return List.of();
            }
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** A predicate on a command line: a Java process that has every one of these arguments. */
    public static Predicate<List<String>> javaWith(String... arguments) {
        List<String> required = List.of(arguments);
        return commandLine ->
                !commandLine.isEmpty() && commandLine.get(0).endsWith("java") && commandLine.containsAll(required);
    }

    /** Whether the process is stopped by a signal (SIGSTOP or SIGTSTP): alive, holding its ports, answering nothing. */
    public static boolean suspended(ProcessHandle process) {
        try {
            String stat = Files.readString(
                    PROC.resolve(Long.toString(process.pid())).resolve("stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ...: comm may contain spaces and parentheses, the state follows the last ')'
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterName.startsWith("T");
        } catch (IOException | StringIndexOutOfBoundsException gone) {
            return false;
        }
    }

    /** Lets a suspended process run again (SIGCONT). */
    public static void resume(ProcessHandle process) {
        signal(process, "CONT");
    }

    /** Asks the process to stop (SIGTERM), waits, then kills it (SIGKILL) if it would not. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (suspended(process)) {
            // a stopped process only handles SIGTERM once it runs again
            resume(process);
        }
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
            return true;
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

    private static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException failure) {
            throw new CliException(
                    "cannot send SIG" + signal + " to " + process.pid() + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
