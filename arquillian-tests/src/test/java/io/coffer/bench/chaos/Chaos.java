package io.coffer.bench.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The chaos run against a three-host topology that {@code bench/chaos} started: prints the report, writes it to a file,
 * and exits 0 only if every audit passed.
 *
 * <p>Arguments: {@code <coffer home> <port base> <derby port> <broker port> <report file>} then options:
 * {@code --faults kill:host-2,kill:broker,halt:host-2@publish.after-send,...} {@code --writers N} {@code --writes-per-second W} {@code --readers N}
 * {@code --reads-per-second R} {@code --settle S} {@code --outage S} {@code --suspension S}
 */
public final class Chaos {

    private Chaos() {}

    public static void main(String[] args) throws Exception {
        Deque<String> arguments = new ArrayDeque<>(Arrays.asList(args));
        Path home = Path.of(arguments.removeFirst()).toAbsolutePath().normalize();
        int portBase = Integer.parseInt(arguments.removeFirst());
        int derbyPort = Integer.parseInt(arguments.removeFirst());
        int brokerPort = Integer.parseInt(arguments.removeFirst());
        Path reportFile = Path.of(arguments.removeFirst());
        List<Fault> faults = Fault.everyKind("host-2");
        int writers = 4;
        double writes = 8;
        int readers = 2;
        double reads = 20;
        Duration settle = Duration.ofSeconds(30);
        Duration outage = Duration.ofSeconds(20);
        Duration suspension = Duration.ofSeconds(30);
        while (!arguments.isEmpty()) {
            String option = arguments.removeFirst();
            String value = arguments.removeFirst();
            switch (option) {
                case "--faults" ->
                    faults = Arrays.stream(value.split(",")).map(Fault::parse).toList();
                case "--writers" -> writers = Integer.parseInt(value);
                case "--writes-per-second" -> writes = Double.parseDouble(value);
                case "--readers" -> readers = Integer.parseInt(value);
                case "--reads-per-second" -> reads = Double.parseDouble(value);
                case "--settle" -> settle = Duration.ofSeconds(Long.parseLong(value));
                case "--outage" -> outage = Duration.ofSeconds(Long.parseLong(value));
                case "--suspension" -> suspension = Duration.ofSeconds(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        List<String> hosts = new ArrayList<>();
        for (int host = 0; host < 3; host++) {
            hosts.add("http://127.0.0.1:" + (portBase + 100 * host + 80));
        }
        List<String> topology = List.of(
                "--home",
                home.toString(),
                "--port-base",
                String.valueOf(portBase),
                "--derby-port",
                String.valueOf(derbyPort),
                "--broker-port",
                String.valueOf(brokerPort));
        ChaosRun.Settings settings = new ChaosRun.Settings(
                faults,
                writers,
                writes,
                readers,
                reads,
                settle,
                outage,
                suspension,
                Duration.ofMinutes(10),
                Duration.ofMinutes(3));

        StringBuilder report = new StringBuilder();
        java.util.function.Consumer<String> say = line -> {
            System.out.println(line);
            System.out.flush();
            report.append(line).append('\n');
        };
        say.accept(String.format(
                Locale.ROOT,
                "Coffer chaos run, %s, 3 hosts on one machine (%d cores), Java %s",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        say.accept(String.format(
                Locale.ROOT,
                "load: %d writers, %.1f writes/s (CreateSecret, UpdateSecret with new content)"
                        + " and %d readers, %.1f reads/s, through every host; reads HYBRID; %d s of load before each fault;"
                        + " a killed process restarted by ./coffer start after %d s",
                writers,
                writes,
                readers,
                reads,
                settle.toSeconds(),
                outage.toSeconds()));
        say.accept("");
        List<ChaosRun.Step> steps = new ChaosRun(home, derbyPort, hosts, topology, settings, say).run();
        say.accept("");
        say.accept(ChaosReport.verdict(steps));
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report.toString());
        System.out.println("report written to " + reportFile);
        System.exit(ChaosReport.passed(steps) ? 0 : 1);
    }
}
