package io.coffer.bench;

import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.server.signing.OciRequestSigner;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The migration benchmark, against a running topology (see bench/migration): N secrets written while shard-0 is
 * {@code REMOTE_ONLY}, then the store driven to {@code BACKFILL} and {@code VERIFY} through the admin API. Measures
 * the backfill's and the sweep's entities/s unthrottled, and a steady open-loop customer read load's latency
 * (reads are served by the remote store in these phases) without a backfill beside a throttled one, twice each in
 * turn. Prints a report and writes it to the given file.
 *
 * <p>Arguments: {@code <coffer home> <host-1 url> <hosts> <secrets> <seconds per read window> <reads/s>
 * <throttled backfill entities/s> <profile: true|false> <report file>}
 */
public final class MigrationBench {

    private static final String STORE = "shard-0";
    private static final long UNTHROTTLED = 1_000_000L;
    private static final Duration PATIENCE = Duration.ofMinutes(15);

    private final Path home;
    private final String url;
    private final int hosts;
    private final String migration;
    private final StringBuilder report = new StringBuilder();
    private Operator operator;

    private MigrationBench(Path home, String url, int hosts) {
        this.home = home;
        this.url = url;
        this.hosts = hosts;
        this.migration = url + "/admin/v1/shards/" + STORE + "/migration";
    }

    public static void main(String[] args) throws Exception {
        MigrationBench bench = new MigrationBench(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        bench.run(
                Integer.parseInt(args[3]),
                Integer.parseInt(args[4]),
                Integer.parseInt(args[5]),
                Long.parseLong(args[6]),
                Boolean.parseBoolean(args[7]));
        Path output = Path.of(args[8]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, bench.report.toString());
        System.out.println();
        System.out.println("report written to " + output);
        System.exit(0);
    }

    private void run(int secretCount, int seconds, int readRate, long throttled, boolean profile) throws Exception {
        say("Coffer migration benchmark, " + Instant.now() + ", " + hosts + " host(s) on one machine ("
                + Runtime.getRuntime().availableProcessors() + " cores), Java " + System.getProperty("java.version"));
        operator = Operator.of(home).ready(url);
        for (int i = 0; i < 4 && !phase().equals("REMOTE_ONLY"); i++) {
            ok(operator.post(migration + "/rollback", "{}"), "rolling back to REMOTE_ONLY");
        }
        require(phase().equals("REMOTE_ONLY"), STORE + " did not go back to REMOTE_ONLY");

        Secrets store = Secrets.in(Tenant.create(operator, url, "migration"));
        List<Secret> readable = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            readable.add(store.create("read-" + i, "r".repeat(64)));
        }
        long started = System.nanoTime();
        int failed = write(store, secretCount - readable.size());
        double writeSeconds = (System.nanoTime() - started) / 1e9;
        say(String.format(
                Locale.ROOT,
                "%,d secrets written while %s is REMOTE_ONLY in %.0f s (%.0f CreateSecret/s, 16 concurrent SDK"
                        + " clients), %d failed",
                secretCount,
                STORE,
                writeSeconds,
                (secretCount - readable.size()) / writeSeconds,
                failed));

        settle();
        ok(operator.post(migration + "/advance", "{}"), "advancing to LIVE_SYNC");
        ok(operator.post(migration + "/pause", "{}"), "pausing");
        JsonObject backfill = ok(operator.post(migration + "/advance", "{}"), "advancing to BACKFILL");
        require(backfill.getString("phase").equals("BACKFILL"), "not in BACKFILL: " + backfill);
        ok(operator.put(migration + "/backfill-rate", "{\"entitiesPerSecond\":" + throttled + "}"), "limiting");

        say("");
        say(String.format(
                Locale.ROOT,
                "== Customer reads during the backfill: GetSecretBundle of 20 secrets through %d host(s), open loop"
                        + " at %d reads/s, %d s per window, served by the remote store (phase BACKFILL); the backfill"
                        + " paused, then running throttled to %,d entities/s, twice in turn",
                hosts,
                readRate,
                seconds,
                throttled));
        say(String.format(
                Locale.ROOT,
                "%-34s %7s %7s %7s %7s %7s %6s %12s %s",
                "window",
                "reads",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "max ms",
                "errors",
                "backfilled/s",
                "CPU s (host-1, derby, broker)"));
        OpenLoad.run(List.of(new OpenLoad.Stream("warm-up", reads(store, readable), readRate)), 10);
        double[] without = new double[2];
        double[] during = new double[2];
        for (int round = 0; round < 2; round++) {
            without[round] = window("without backfill (" + (round + 1) + ")", store, readable, seconds, readRate);
            ok(operator.post(migration + "/resume", "{}"), "resuming");
            during[round] = window(
                    "throttled backfill, " + throttled + "/s (" + (round + 1) + ")",
                    store,
                    readable,
                    seconds,
                    readRate);
            ok(operator.post(migration + "/pause", "{}"), "pausing");
        }
        for (int round = 0; round < 2; round++) {
            say(String.format(
                    Locale.ROOT,
                    "p99 during a throttled backfill vs without, round %d: %.1f vs %.1f ms: %.2f×",
                    round + 1,
                    during[round],
                    without[round],
                    during[round] / without[round]));
        }

        // A whole backfill from the start: back to REMOTE_ONLY (the log emptied, the replica dropped), then
        // LIVE_SYNC and BACKFILL again, so the run replays every entity of the store.
        for (int i = 0; i < 2; i++) {
            ok(operator.post(migration + "/rollback", "{}"), "rolling back");
        }
        require(phase().equals("REMOTE_ONLY"), STORE + " did not go back to REMOTE_ONLY");
        Http.await(
                PATIENCE,
                reply -> reply.status() == 200
                        && reply.json()
                                        .getJsonObject("local")
                                        .getJsonNumber("rows")
                                        .longValue()
                                == 0,
                () -> operator.get(url + "/admin/v1/replication/stores/" + STORE + "/checksum"));
        ok(operator.post(migration + "/advance", "{}"), "advancing to LIVE_SYNC");
        ok(operator.post(migration + "/pause", "{}"), "pausing");
        ok(operator.post(migration + "/advance", "{}"), "advancing to BACKFILL");
        ok(operator.put(migration + "/backfill-rate", "{\"entitiesPerSecond\":" + UNTHROTTLED + "}"), "unthrottling");
        say("");
        say("== Backfill unthrottled (backfill-rate " + UNTHROTTLED + " entities/s), a new run from the start until"
                + " DONE");
        Rate backfilled = measure("backfill", profile);
        say(backfilled.line());

        say("");
        Instant converging = Instant.now();
        Reply converged = Http.await(
                PATIENCE,
                reply -> reply.status() == 200
                        && reply.json()
                                .getJsonObject("remote")
                                .equals(reply.json().getJsonObject("local")),
                () -> operator.get(url + "/admin/v1/replication/stores/" + STORE + "/checksum"));
        require(
                converged.status() == 200
                        && converged
                                .json()
                                .getJsonObject("remote")
                                .equals(converged.json().getJsonObject("local")),
                "the replica did not reach the remote store's checksum: " + converged.body());
        say(String.format(
                Locale.ROOT,
                "replica checksum equal to the remote store's %.1f s after the backfill was done (%s rows)",
                Duration.between(converging, Instant.now()).toMillis() / 1000.0,
                converged.json().getJsonObject("remote").get("rows")));

        say("");
        say("== Sweep (VERIFY) until DONE");
        JsonObject verify = ok(operator.post(migration + "/advance", "{}"), "advancing to VERIFY");
        require(verify.getString("phase").equals("VERIFY"), "not in VERIFY: " + verify);
        Rate swept = measure("sweep", profile);
        say(swept.line());
        JsonObject verification =
                ok(operator.get(migration), "reading the view").getJsonObject("verification");
        say("sweep found " + verification.get("discrepancies") + " discrepancies, repaired "
                + verification.get("repaired"));

        say("");
        say(String.format(
                Locale.ROOT,
                "summary: backfill %.0f entities/s unthrottled (aim ≥ 5,000); sweep %.0f entities/s (aim ≥ 20,000);"
                        + " customer read p99 during a throttled backfill (%,d/s) %.2f× and %.2f× of without (aim"
                        + " ≤ 1.2×)",
                backfilled.perSecond(),
                swept.perSecond(),
                throttled,
                during[0] / without[0],
                during[1] / without[1]));
    }

    /**
     * Waits until host-1 and the Derby network server have finished what the writes left them (the JIT, Derby's
     * checkpoint), at most two minutes: the first read window measured otherwise took their work for the baseline's.
     */
    private void settle() throws IOException {
        long started = System.nanoTime();
        double busy;
        do {
            Map<String, Double> before = ProcessCpu.snapshot(ProcessCpu.hostDerbyBroker(home));
            Http.sleep(5_000);
            busy = ProcessCpu.since(before, ProcessCpu.hostDerbyBroker(home)).values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        } while (busy > 1.0 && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(2));
        say(String.format(
                Locale.ROOT,
                "settled after the writes in %.0f s (host-1 and Derby used %.1f CPU s in the last 5 s)",
                (System.nanoTime() - started) / 1e9,
                busy));
    }

    /** Writes the secrets with 16 concurrent SDK calls; answers how many failed. */
    private int write(Secrets store, int count) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                try {
                    store.tenant.vaults.createSecret(CreateSecretRequest.builder()
                            .createSecretDetails(store.details("bulk-" + n, "content of " + n)
                                    .build())
                            .build());
                } catch (RuntimeException failure) {
                    failed.incrementAndGet();
                }
                if (done.incrementAndGet() % 2000 == 0) {
                    System.out.println("  " + done.get() + " secrets written");
                }
            }));
        }
        pool.shutdown();
        require(pool.awaitTermination(30, TimeUnit.MINUTES), "writing the secrets took over 30 minutes");
        return failed.get();
    }

    /** One read window: the reads' latency and what the backfill did meanwhile; answers the p99. */
    private double window(String name, Secrets store, List<Secret> readable, int seconds, int readRate)
            throws Exception {
        List<HttpRequest> requests = reads(store, readable);
        long before = processed("backfill");
        Map<String, Double> cpu = ProcessCpu.snapshot(ProcessCpu.hostDerbyBroker(home));
        long started = System.nanoTime();
        OpenLoad.Outcome outcome = OpenLoad.run(List.of(new OpenLoad.Stream(name, requests, readRate)), seconds)
                .get(0);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Double> used = ProcessCpu.since(cpu, ProcessCpu.hostDerbyBroker(home));
        long after = processed("backfill");
        String state = ok(operator.get(migration), "reading the view")
                .getJsonObject("backfill")
                .getString("state");
        double p99 = outcome.percentile(0.99);
        say(String.format(
                Locale.ROOT,
                "%-34s %7d %7.1f %7.1f %7.1f %7.1f %6d %12.0f %s",
                name,
                outcome.sent(),
                outcome.percentile(0.5),
                outcome.percentile(0.9),
                p99,
                outcome.percentile(1.0),
                outcome.failed() + outcome.throttled(),
                (after - before) / elapsed,
                ProcessCpu.line(used)
                        + (state.equals("DONE") ? " (the backfill ended in this window: not comparable)" : "")));
        return p99;
    }

    /** What a run of background work did, from its start (or resume) until DONE. */
    private record Rate(String work, long entities, double seconds, double serverRate, String cpu) {

        double perSecond() {
            return entities / seconds;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s: %,d entities in %.1f s: %.0f entities/s (the runner's own last reading %.0f/s); CPU s"
                            + " (host-1, derby, broker): %s",
                    work,
                    entities,
                    seconds,
                    perSecond(),
                    serverRate,
                    cpu);
        }
    }

    /**
     * Polls the view every 200 ms until the work is DONE (resuming it first), with a JFR recording of
     * host-1 and of the Derby network server meanwhile when profiling.
     */
    private Rate measure(String work, boolean profile) throws Exception {
        String part = work.equals("backfill") ? "backfill" : "verification";
        String counter = work.equals("backfill") ? "processed" : "checked";
        Map<String, Path> recordings = new LinkedHashMap<>();
        if (profile) {
            for (Map.Entry<String, Long> process :
                    ProcessCpu.hostDerbyBroker(home).entrySet()) {
                if (!process.getKey().equals("broker")) {
                    Path recording = home.resolve("bench/migration-" + work + "-" + process.getKey() + ".jfr");
                    Files.createDirectories(recording.getParent());
                    Files.deleteIfExists(recording);
                    ProcessCpu.jcmd(
                            process.getValue(),
                            "JFR.start",
                            "name=migration",
                            "settings=profile",
                            "filename=" + recording);
                    recordings.put(process.getKey(), recording);
                }
            }
        }
        JsonObject first = ok(operator.get(migration), "reading the view").getJsonObject(part);
        long start = first.getJsonNumber(counter).longValue();
        Map<String, Double> cpu = ProcessCpu.snapshot(ProcessCpu.hostDerbyBroker(home));
        long started = System.nanoTime();
        ok(operator.post(migration + "/resume", "{}"), "resuming");
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonObject last = first;
        double serverRate = 0;
        while (Instant.now().isBefore(deadline)) {
            last = ok(operator.get(migration), "reading the view").getJsonObject(part);
            if (last.containsKey("ratePerSecond") && last.getJsonNumber("ratePerSecond") != null) {
                double reading = last.getJsonNumber("ratePerSecond").doubleValue();
                serverRate = reading > 0 ? reading : serverRate;
            }
            if (last.getString("state").equals("DONE")) {
                break;
            }
            Http.sleep(200);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        String used = ProcessCpu.line(ProcessCpu.since(cpu, ProcessCpu.hostDerbyBroker(home)));
        require(last.getString("state").equals("DONE"), work + " not done within " + PATIENCE + ": " + last);
        for (Map.Entry<String, Path> recording : recordings.entrySet()) {
            ProcessCpu.jcmd(ProcessCpu.hostDerbyBroker(home).get(recording.getKey()), "JFR.stop", "name=migration");
        }
        Rate rate = new Rate(work, last.getJsonNumber(counter).longValue() - start, elapsed, serverRate, used);
        for (Map.Entry<String, Path> recording : recordings.entrySet()) {
            say("-- JFR profile of " + recording.getKey() + " during the " + work + " (" + recording.getValue() + ")");
            JfrTop.of(recording.getValue(), 20).forEach(this::say);
        }
        return rate;
    }

    private long processed(String part) {
        return ok(operator.get(migration), "reading the view")
                .getJsonObject(part)
                .getJsonNumber("processed")
                .longValue();
    }

    /** A signed read of each secret, on every host in turn (signed now: a signature's date is valid 5 minutes). */
    private List<HttpRequest> reads(Secrets store, List<Secret> readable) {
        OciRequestSigner signer = store.tenant.signer();
        List<HttpRequest> reads = new ArrayList<>();
        for (Secret secret : readable) {
            String host = "http://127.0.0.1:" + (URI.create(url).getPort() + 100 * (reads.size() % hosts));
            URI uri = URI.create(host + "/20190301/secretbundles/" + secret.getId());
            reads.add(SignedRequests.get(signer, uri));
        }
        return reads;
    }

    private String phase() {
        return ok(operator.get(migration), "reading the phase").getString("phase");
    }

    private static JsonObject ok(Reply reply, String doing) {
        require(reply.status() == 200, doing + ": " + reply.status() + " " + reply.body());
        return reply.json();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
        report.append(line).append('\n');
    }
}
