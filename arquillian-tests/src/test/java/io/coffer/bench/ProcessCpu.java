package io.coffer.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CPU time (user + system) a process has used so far, read from /proc/[pid]/stat. */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** CPU seconds the whole machine has been busy so far (every core, every process), from /proc/stat. */
    static double machineBusySeconds() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[field]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    /** CPU seconds of each named process now. */
    static Map<String, Double> snapshot(Map<String, Long> processes) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, pid) -> seconds.put(name, seconds(pid)));
        return seconds;
    }

    static Map<String, Double> since(Map<String, Double> before, Map<String, Long> processes) {
        Map<String, Double> used = new LinkedHashMap<>();
        processes.forEach((name, pid) -> used.put(name, seconds(pid) - before.getOrDefault(name, 0.0)));
        return used;
    }

    /** The processes of a one-cell topology whose CPU the benchmarks report: host-1, the Derby server, the broker. */
    static Map<String, Long> hostDerbyBroker(Path home) throws IOException {
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("host-1", pid(home.resolve("domains/host-1/config/pid")));
        processes.put("derby", pid(home.resolve("run/derby.pid")));
        processes.put("broker", pid(home.resolve("run/broker.pid")));
        return processes;
    }

    static long pid(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    /** CPU seconds per process, in the map's order, as {@code 1.2, 0.3, 0.0}. */
    static String line(Map<String, Double> cpu) {
        StringBuilder line = new StringBuilder();
        cpu.forEach((name, seconds) ->
                line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", seconds)));
        return line.toString();
    }

    /** Runs a diagnostic command (JFR, code cache) in the JVM of {@code pid}; its output, or an error with it. */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd failed: " + output);
        }
        return output;
    }
}
