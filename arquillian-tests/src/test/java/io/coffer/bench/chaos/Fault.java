package io.coffer.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One fault of the run: a process of the topology killed with SIGKILL (repaired by {@code ./coffer start}) or frozen
 * with SIGSTOP (repaired by SIGCONT after a while).
 *
 * @param kind   what is done to it
 * @param target {@code host-N}, {@code broker} or {@code derby}
 */
public record Fault(Kind kind, String target) {

    public enum Kind {
        KILL,
        SUSPEND
    }

    /** Every kind of fault on every kind of process, a host being {@code host}. */
    public static List<Fault> everyKind(String host) {
        return List.of(
                new Fault(Kind.KILL, host),
                new Fault(Kind.KILL, "broker"),
                new Fault(Kind.KILL, "derby"),
                new Fault(Kind.SUSPEND, host),
                new Fault(Kind.SUSPEND, "broker"),
                new Fault(Kind.SUSPEND, "derby"));
    }

    /** {@code kill:host-2}, {@code stop:derby} */
    public static Fault parse(String text) {
        String[] parts = text.split(":", 2);
        if (parts.length != 2
                || !(parts[1].equals("broker") || parts[1].equals("derby") || parts[1].matches("host-[1-9]"))) {
            throw new IllegalArgumentException(
                    "a fault is kill:<target> or stop:<target>, the target host-N, broker or derby; not " + text);
        }
        return switch (parts[0]) {
            case "kill" -> new Fault(Kind.KILL, parts[1]);
            case "stop" -> new Fault(Kind.SUSPEND, parts[1]);
            default -> throw new IllegalArgumentException("a fault is kill:<target> or stop:<target>, not " + text);
        };
    }

    public String describe(Duration suspension) {
        return kind == Kind.KILL ? "kill -9 " + target : "SIGSTOP " + target + " " + suspension.toSeconds() + " s";
    }

    /** The target's process, by the PID file the topology keeps for it. */
    ProcessHandle process(Path home) throws IOException {
        Path pidFile = target.startsWith("host-")
                ? home.resolve("domains").resolve(target).resolve("config/pid")
                : home.resolve("run").resolve(target + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(target + " (pid " + pid + ") is not running"));
    }

    static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }
}
