package io.coffer.server.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One background server of a topology that the CLI launches itself (the Derby network server, the JMS broker): a JVM
 * listening on one loopback port, found by its PID file or, when that is missing or stale, by its command line.
 *
 * @param what        how messages name it, e.g. "the Derby network server"
 * @param port        its port on 127.0.0.1
 * @param portOption  the CLI option that picks another port
 * @param pidFile     where its PID is recorded
 * @param log         its console output
 * @param workDir     its working directory (its data)
 * @param commandLine recognises its command line among all processes
 */
record ServiceProcess(
        String what,
        int port,
        String portOption,
        Path pidFile,
        Path log,
        Path workDir,
        Predicate<List<String>> commandLine) {

    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** The running process: the one the PID file names, else any with its command line (a lost PID file). */
    Optional<ProcessHandle> running() {
        Optional<ProcessHandle> recorded = Processes.fromPidFile(pidFile, commandLine);
        return recorded.isPresent() ? recorded : all().stream().findFirst();
    }

    /** Makes the data directory, readable by this user only (its files are the data). */
    void prepareWorkDir() throws IOException {
        Files.createDirectories(workDir);
        Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx------"));
    }

    /**
     * Stops the running server if it was started without authentication (by a version of Coffer from before the
     * internal credentials), so that the start that follows brings it back with them.
     *
     * @return what was done, for the terminal; null if nothing was
     */
    String stopIfUnauthenticated(Predicate<ProcessHandle> unauthenticated) {
        Optional<ProcessHandle> process = running();
        if (process.isPresent() && unauthenticated.test(process.get())) {
            stop();
            return what + " (pid " + process.get().pid()
                    + ") ran without authentication (started by an earlier Coffer): restarted it with the install's credentials";
        }
        return null;
    }

    /** The messages that are not null, as one line. */
    static String unusual(String... messages) {
        List<String> said = new ArrayList<>();
        for (String message : messages) {
            if (message != null) {
                said.add(message);
            }
        }
        return said.isEmpty() ? null : String.join("; ", said);
    }

    /** Every process of this server: normally one. */
    List<ProcessHandle> all() {
        return Processes.withCommandLine(commandLine);
    }

    /**
     * Launches the server unless it runs, and waits until it listens. A suspended one (SIGSTOP) is resumed first: it
     * holds its port and answers nothing, which no client can tell from a hang.
     *
     * @return what was out of the ordinary, for the terminal; null if nothing was
     */
    String start(List<String> command) throws IOException {
        Optional<ProcessHandle> existing = running();
        if (existing.isPresent()) {
            ProcessHandle process = existing.get();
            String unusual = null;
            if (Processes.suspended(process)) {
                Processes.resume(process);
                unusual = what + " (pid " + process.pid() + ") was suspended (SIGSTOP): resumed it";
            }
            Processes.awaitListening(port, LISTEN_TIMEOUT, process, what, log);
            return unusual;
        }
        if (!Processes.free(port)) {
            throw new CliException("port " + port + " (" + what + ") is already in use by another process; stop it or"
                    + " choose another with " + portOption);
        }
        long pid = Processes.startDetached(command, workDir, log, pidFile);
        Processes.awaitListening(port, LISTEN_TIMEOUT, ProcessHandle.of(pid).orElse(null), what, log);
        return null;
    }

    /** Stops every process of this server; returns the ones still alive after. */
    List<ProcessHandle> stop() {
        List<ProcessHandle> left = new ArrayList<>();
        for (ProcessHandle process : all()) {
            Processes.stop(process, STOP_GRACE);
            if (process.isAlive()) {
                left.add(process);
            }
        }
        return left;
    }

    /** How status shows it: running, suspended, or stopped. */
    String state() {
        return running()
                .map(process -> (Processes.suspended(process) ? "suspended (SIGSTOP)" : "running") + " (pid "
                        + process.pid() + ")")
                .orElse("stopped");
    }
}
