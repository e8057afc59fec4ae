package io.coffer.bench.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One fault of the run: a process of the topology killed with SIGKILL (repaired by {@code ./coffer start}), frozen
 * with SIGSTOP (repaired by SIGCONT after a while), or a host restarted with a failpoint armed to halt it (as kill -9
 * would) at that exact point of its work (repaired by {@code ./coffer start} without it).
 *
 * @param kind      what is done to it
 * @param target    {@code host-N}, {@code broker} or {@code derby}
 * @param failpoint the point a {@link Kind#HALT_AT} halts at (see the app's {@code Failpoints}); null otherwise
 */
public record Fault(Kind kind, String target, String failpoint) {

    public enum Kind {
        KILL,
        SUSPEND,
        HALT_AT
    }

    public Fault(Kind kind, String target) {
        this(kind, target, null);
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

    /** {@code kill:host-2}, {@code stop:derby}, {@code halt:host-2@publish.after-log-commit} */
    public static Fault parse(String text) {
        String[] parts = text.split(":", 2);
        if (parts.length == 2 && parts[0].equals("halt") && parts[1].matches("host-[1-9]@[a-z.-]+")) {
            String[] at = parts[1].split("@", 2);
            return new Fault(Kind.HALT_AT, at[0], at[1]);
        }
        if (parts.length != 2
                || !(parts[1].equals("broker") || parts[1].equals("derby") || parts[1].matches("host-[1-9]"))) {
            throw new IllegalArgumentException("a fault is kill:<target>, stop:<target> (the target host-N, broker or"
                    + " derby) or halt:host-N@<failpoint>; not " + text);
        }
        return switch (parts[0]) {
            case "kill" -> new Fault(Kind.KILL, parts[1]);
            case "stop" -> new Fault(Kind.SUSPEND, parts[1]);
            default ->
                throw new IllegalArgumentException(
                        "a fault is kill:<target>, stop:<target> or halt:host-N@<failpoint>, not " + text);
        };
    }

    public String describe(Duration suspension) {
        return switch (kind) {
            case KILL -> "kill -9 " + target;
            case SUSPEND -> "SIGSTOP " + target + " " + suspension.toSeconds() + " s";
            case HALT_AT -> target + " halts at " + failpoint;
        };
    }

    /** What {@code ./coffer start} is given to arm this fault's failpoint on its host. */
    Map<String, String> arming() {
        return Map.of("COFFER_FAILPOINTS", target + ":" + failpoint + "=halt");
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
