package io.coffer.bench;

import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Coffer's benchmark, against a running topology started by {@code ./coffer start} (see bench/run): data-plane reads
 * through the real signed HTTP path served by the remote store and by the local store, side by side, with the same
 * server answering a constant response of the same size as the floor; replication lag under a steady write load;
 * and local-store read latency at 10k and 1M secrets. Prints a report and writes it to the given file.
 *
 * <p>Arguments: {@code <coffer home> <host-1 url> <hosts> <seconds per run> <secrets> <writes per second> <scale sizes>
 * <report file>}
 */
public final class Bench {

    private final Path home;
    private final String url;
    private final int hosts;
    private final int seconds;
    private final StringBuilder report = new StringBuilder();
    private Operator operator;
    /** Where JFR recordings go: beside the report, so that a clean build does not take them. */
    private Path recordings;

    private Bench(Path home, String url, int hosts, int seconds) {
        this.home = home;
        this.url = url;
        this.hosts = hosts;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Bench bench = new Bench(home, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        int secrets = Integer.parseInt(args[4]);
        int writesPerSecond = Integer.parseInt(args[5]);
        long[] sizes =
                Arrays.stream(args[6].split(",")).mapToLong(Long::parseLong).toArray();
        Path output = Path.of(args[7]);
        String mode = args.length > 8 ? args[8] : "all";
        bench.recordings = output.toAbsolutePath().getParent();
        if (mode.startsWith("reads")) {
            bench.oneHostReads(secrets, mode.equals("reads+profile"));
        } else if (mode.equals("cells")) {
            bench.forwardedReads(secrets);
        } else {
            bench.run(secrets, writesPerSecond, sizes);
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, bench.report.toString());
        System.out.println();
        System.out.println("report written to " + output);
        System.exit(0);
    }

    private void run(int secretCount, int writesPerSecond, long[] sizes) throws Exception {
        say("Coffer benchmark, " + Instant.now() + ", " + hosts + " hosts on one machine ("
                + Runtime.getRuntime().availableProcessors() + " cores), Java " + System.getProperty("java.version"));
        operator = Operator.of(home).ready(url);
        Secrets store = Secrets.in(Tenant.create(operator, url, "bench"));
        List<Secret> secrets = createSecrets(store, secretCount);
        say(secrets.size()
                + " secrets of 64 bytes in one vault; wrk reads them in turn, signed once each and replayed");

        List<Wrk.Request> bundles = new ArrayList<>();
        for (Secret secret : secrets) {
            String path = "/20190301/secretbundles/" + secret.getId();
            bundles.add(new Wrk.Request("GET", path, store.tenant.signer().sign("GET", URI.create(url + path), null)));
        }
        int bundleBytes = Http.signed(
                        store.tenant.signer(),
                        "GET",
                        url + "/20190301/secretbundles/" + secrets.get(0).getId(),
                        null)
                .body()
                .getBytes(StandardCharsets.UTF_8)
                .length;

        say("");
        say("== Data plane: GetSecretBundle through the signed HTTP path on host-1 (wrk -t2 -c16 -d" + seconds + "s)");
        say(String.format(
                Locale.ROOT,
                "%-30s %9s %8s %8s %8s %12s %s",
                "served by",
                "req/s",
                "p50 ms",
                "p90 ms",
                "p99 ms",
                "store ms/req",
                "CPU seconds (host-1, derby, broker, wrk)"));
        Map<String, Double> storeMillis = new LinkedHashMap<>();
        for (String accessor : List.of("REMOTE", "HYBRID")) {
            switchReads(accessor);
            Wrk.run(url, bundles, 2, 16, Math.max(5, seconds / 3), home, null);
            PrometheusText before = metrics(url);
            Map<String, Long> processes = ProcessCpu.hostDerbyBroker(home);
            Map<String, Double> cpuBefore = ProcessCpu.snapshot(processes);
            Wrk.Result result = Wrk.run(url, bundles, 2, 16, seconds, home, null);
            Map<String, Double> cpu = ProcessCpu.since(cpuBefore, processes);
            cpu.put("wrk", result.cpuSeconds());
            PrometheusText after = metrics(url);
            String side = accessor.equals("REMOTE") ? "remote" : "local";
            double storeSeconds = 0;
            for (String name : List.of("base", "shard-0")) {
                String labels = "{mp_scope=\"application\",side=\"" + side + "\",store=\"" + name + "\"}";
                storeSeconds += after.value("coffer_store_read_seconds_sum" + labels)
                        - before.value("coffer_store_read_seconds_sum" + labels);
            }
            double perRequest = result.requests() == 0 ? Double.NaN : storeSeconds * 1000.0 / result.requests();
            storeMillis.put(accessor, perRequest);
            say(String.format(
                    Locale.ROOT,
                    "%-30s %9.0f %8.2f %8.2f %8.2f %12.3f %s%s",
                    accessor.equals("REMOTE") ? "remote store (REMOTE)" : "local store (HYBRID)",
                    result.requestsPerSecond(),
                    result.p50Millis(),
                    result.p90Millis(),
                    result.p99Millis(),
                    perRequest,
                    ProcessCpu.line(cpu),
                    result.errors() > 0 ? "  ERRORS " + result.errors() : ""));
            report.append(String.format(Locale.ROOT, "   %s: %d requests%n", accessor, result.requests()));
        }
        Wrk.Result floor = floor(bundleBytes);
        say(String.format(
                Locale.ROOT,
                "%-30s %9.0f %8.2f %8.2f %8.2f %12s",
                "floor: constant " + bundleBytes + " bytes",
                floor.requestsPerSecond(),
                floor.p50Millis(),
                floor.p90Millis(),
                floor.p99Millis(),
                "-"));
        double reduction = 100.0 * (1 - storeMillis.get("HYBRID") / storeMillis.get("REMOTE"));
        say(String.format(
                Locale.ROOT,
                "store-access time per read: remote %.3f ms, local %.3f ms: %.1f%% less from the local store",
                storeMillis.get("REMOTE"),
                storeMillis.get("HYBRID"),
                reduction));

        say("");
        replicationLag(store, writesPerSecond);

        say("");
        say("== Local-store read latency (the bundle read's queries on an embedded Derby on disk, one at a time)");
        for (LocalStoreScale.Point point : LocalStoreScale.measure(home.resolve("bench"), sizes, 20_000)) {
            say(String.format(
                    Locale.ROOT,
                    "%,12d secrets: p50 %.0f µs, p99 %.0f µs, mean %.0f µs over %,d reads",
                    point.secrets(),
                    point.p50Micros(),
                    point.p99Micros(),
                    point.meanMicros(),
                    point.reads()));
        }
    }

    /** A read target of question (1): what wrk sends, what every answer must contain, and the accessor it needs. */
    private record Target(String name, String accessor, Supplier<List<Wrk.Request>> requests, String expected) {}

    /**
     * Question (1): one host, nothing else running. Local store, remote store and the constant endpoint (the
     * console's stylesheet, a JAX-RS resource of the same server, unsigned) at C=1 and C=8, each measured after a
     * warm-up; every response is checked (status 200 and its content). With {@code profile}, a JFR recording of
     * host-1 under each C=8 bundle load follows the measurements (never during them), and its top frames are
     * printed.
     */
    private void oneHostReads(int secretCount, boolean profile) throws Exception {
        say("Coffer read benchmark, " + Instant.now() + ", one host alone ("
                + Runtime.getRuntime().availableProcessors() + " cores), Java " + System.getProperty("java.version"));
        operator = Operator.of(home).ready(url);
        Secrets store = Secrets.in(Tenant.create(operator, url, "bench"));
        List<Secret> secrets = createSecrets(store, secretCount);
        Supplier<List<Wrk.Request>> bundles = signedBundleReads(store, secrets);
        String content = Secrets.base64("x".repeat(64));
        String floorPath = "/console/console.css";
        String floorFirstLine =
                Http.get(url + floorPath).body().lines().findFirst().orElse("");
        String floorExpected = floorFirstLine.substring(0, Math.min(30, floorFirstLine.length()));
        List<Target> targets = List.of(
                new Target("local store (HYBRID)", "HYBRID", bundles, content),
                new Target("remote store (REMOTE)", "REMOTE", bundles, content),
                new Target(
                        "floor: GET " + floorPath,
                        null,
                        () -> List.of(new Wrk.Request("GET", floorPath, Map.of())),
                        floorExpected));
        say(secrets.size() + " secrets of 64 bytes in one vault, read in turn by wrk, each signed once and replayed; "
                + seconds + " s per point after a warm-up");

        for (Target target : targets) {
            if (target.accessor() != null) {
                switchReads(target.accessor());
            }
            warmUp(target);
        }
        say("");
        say("== (1) One host: GetSecretBundle through the signed HTTP path, and the floor");
        say(String.format(
                Locale.ROOT,
                "%-30s %3s %9s %8s %8s %12s %12s %8s %s",
                "served by",
                "C",
                "reads/s",
                "p50 ms",
                "p99 ms",
                "host CPU ms",
                "Derby CPU ms",
                "others %",
                "responses checked, failed"));
        Map<String, Double> atEight = new LinkedHashMap<>();
        Map<String, Long> processes = ProcessCpu.hostDerbyBroker(home);
        for (Target target : targets) {
            if (target.accessor() != null) {
                switchReads(target.accessor());
            }
            for (int connections : new int[] {1, 8}) {
                int threads = Math.min(2, connections);
                Wrk.run(url, target.requests().get(), threads, connections, 3, home, null, target.expected());
                Map<String, Double> cpuBefore = ProcessCpu.snapshot(processes);
                double machineBefore = ProcessCpu.machineBusySeconds();
                Wrk.Result result = Wrk.run(
                        url, target.requests().get(), threads, connections, seconds, home, null, target.expected());
                Map<String, Double> cpu = ProcessCpu.since(cpuBefore, processes);
                // what the rest of the machine used meanwhile, in % of one core: a busy neighbour shows here
                double others = ProcessCpu.machineBusySeconds() - machineBefore - result.cpuSeconds();
                for (double used : cpu.values()) {
                    others -= used;
                }
                double reads = Math.max(1, result.requests());
                say(String.format(
                        Locale.ROOT,
                        "%-30s %3d %9.0f %8.2f %8.2f %12.3f %12.3f %8.0f %,d, %d%s",
                        target.name(),
                        connections,
                        result.requestsPerSecond(),
                        result.p50Millis(),
                        result.p99Millis(),
                        cpu.get("host-1") * 1000 / reads,
                        cpu.get("derby") * 1000 / reads,
                        100 * others / seconds,
                        result.requests(),
                        result.failedChecks(),
                        result.errors() > 0 ? "  ERRORS " + result.errors() : ""));
                if (connections == 8) {
                    atEight.put(target.name(), result.requestsPerSecond());
                }
            }
        }
        double floor = atEight.get(targets.get(2).name());
        say(String.format(
                Locale.ROOT,
                "C=8: local %.2f of the floor, remote %.2f of the floor (CPU ms are per read, of the whole process; others: the"
                        + " rest of the machine, wrk excluded, in %% of one core)",
                atEight.get(targets.get(0).name()) / floor,
                atEight.get(targets.get(1).name()) / floor));
        if (profile) {
            for (Target target : targets.subList(0, 2)) {
                switchReads(target.accessor());
                Path recording =
                        home.resolve("bench/profile-" + target.accessor().toLowerCase(Locale.ROOT) + ".jfr");
                Files.createDirectories(recording.getParent());
                Files.deleteIfExists(recording);
                jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + recording);
                Wrk.Result profiled =
                        Wrk.run(url, target.requests().get(), 2, 8, seconds, home, null, target.expected());
                jcmd("JFR.stop", "name=bench");
                say("");
                say("== JFR profile of host-1, " + target.name() + ", C=8, " + seconds + " s (" + recording + ")");
                say(String.format(
                        Locale.ROOT,
                        "under %,d responses, %d failed their check%s",
                        profiled.requests(),
                        profiled.failedChecks(),
                        profiled.failedChecks() > 0 ? ": the profile is not of successful reads" : ""));
                JfrTop.of(recording, 25).forEach(this::say);
            }
            say("");
            say("== host-1's code cache (a full one stops the JIT)");
            jcmd("Compiler.codecache").lines().forEach(this::say);
        }
    }

    /**
     * Question (5): what forwarding to another cell adds. On {@code --shards 2 --hosts 1} (host-1 in the base cell,
     * host-2 in cell-1), the same bundle read through host-1 of a secret of shard-0 (served by host-1) and of one of
     * shard-1 (forwarded to host-2 over mutual TLS), at C=1 and C=8, after a warm-up; every response is checked.
     */
    private void forwardedReads(int secretCount) throws Exception {
        say("Coffer forwarding benchmark, " + Instant.now() + ", two cells of one host each ("
                + Runtime.getRuntime().availableProcessors() + " cores), Java " + System.getProperty("java.version"));
        operator = Operator.of(home).ready(url);
        Tenant tenant = Tenant.create(operator, url, "bench-cells");
        Map<String, Secrets> byShard = new LinkedHashMap<>();
        for (int attempt = 0; attempt < 6 && byShard.size() < 2; attempt++) {
            Secrets vault = Secrets.in(tenant);
            String shard = operator.get(url + "/admin/v1/vaults/" + vault.vault.getId() + "/shard")
                    .json()
                    .getString("shard");
            byShard.putIfAbsent(shard, vault);
        }
        if (!byShard.keySet().containsAll(List.of("shard-0", "shard-1"))) {
            throw new IllegalStateException(
                    "no vault landed on each shard: " + byShard.keySet() + " (run it on ./coffer start --shards 2)");
        }
        String content = Secrets.base64("x".repeat(64));
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, Secrets> shard : byShard.entrySet()) {
            List<Secret> secrets = createSecrets(shard.getValue(), secretCount);
            Secrets store = shard.getValue();
            targets.add(new Target(
                    shard.getKey().equals("shard-0") ? "base cell (shard-0, host-1)" : "forwarded (shard-1, host-2)",
                    null,
                    signedBundleReads(store, secrets),
                    content));
        }
        say(secretCount + " secrets of 64 bytes per shard, read through host-1 by wrk, each signed once and replayed; "
                + seconds + " s per point after a warm-up");
        for (Target target : targets) {
            warmUp(target);
        }
        say("");
        say("== (5) GetSecretBundle through the base cell: served there, or forwarded to another cell");
        say(String.format(
                Locale.ROOT,
                "%-30s %3s %9s %8s %8s %12s %12s %s",
                "served by",
                "C",
                "reads/s",
                "p50 ms",
                "p99 ms",
                "host-1 CPU ms",
                "host-2 CPU ms",
                "responses checked, failed"));
        Map<String, Long> processes = new LinkedHashMap<>();
        processes.put("host-1", ProcessCpu.pid(home.resolve("domains/host-1/config/pid")));
        processes.put("host-2", ProcessCpu.pid(home.resolve("domains/host-2/config/pid")));
        Map<String, Double> p50 = new LinkedHashMap<>();
        for (Target target : targets) {
            for (int connections : new int[] {1, 8}) {
                int threads = Math.min(2, connections);
                Wrk.run(url, target.requests().get(), threads, connections, 3, home, null, target.expected());
                Map<String, Double> cpuBefore = ProcessCpu.snapshot(processes);
                Wrk.Result result = Wrk.run(
                        url, target.requests().get(), threads, connections, seconds, home, null, target.expected());
                Map<String, Double> cpu = ProcessCpu.since(cpuBefore, processes);
                double reads = Math.max(1, result.requests());
                say(String.format(
                        Locale.ROOT,
                        "%-30s %3d %9.0f %8.2f %8.2f %12.3f %12.3f %,d, %d%s",
                        target.name(),
                        connections,
                        result.requestsPerSecond(),
                        result.p50Millis(),
                        result.p99Millis(),
                        cpu.get("host-1") * 1000 / reads,
                        cpu.get("host-2") * 1000 / reads,
                        result.requests(),
                        result.failedChecks(),
                        result.errors() > 0 ? "  ERRORS " + result.errors() : ""));
                if (connections == 1) {
                    p50.put(target.name(), result.p50Millis());
                }
            }
        }
        say(String.format(
                Locale.ROOT,
                "C=1: forwarding adds %.2f ms to the p50 (CPU ms are per read, of the whole process)",
                p50.get(targets.get(1).name()) - p50.get(targets.get(0).name())));
    }

    /**
     * The bundle reads of these secrets, signed afresh on every call: a signature's date is good for five minutes, and
     * a slow warm-up on a busy machine outlasted it (the profile then recorded 401s).
     */
    private Supplier<List<Wrk.Request>> signedBundleReads(Secrets store, List<Secret> secrets) {
        return () -> {
            List<Wrk.Request> signed = new ArrayList<>();
            for (Secret secret : secrets) {
                String path = "/20190301/secretbundles/" + secret.getId();
                signed.add(
                        new Wrk.Request("GET", path, store.tenant.signer().sign("GET", URI.create(url + path), null)));
            }
            return signed;
        };
    }

    /**
     * The JIT keeps compiling Payara's request path for a minute or more: warms the target at C=8 until two rounds in
     * a row agree within 5% (at most 8 rounds), and shows the rounds so that a cold run is visible.
     */
    private void warmUp(Target target) throws IOException, InterruptedException {
        List<String> rounds = new ArrayList<>();
        double previous = 0;
        for (int round = 0; round < 8; round++) {
            double rate = Wrk.run(url, target.requests().get(), 2, 8, 10, home, null, target.expected())
                    .requestsPerSecond();
            rounds.add(String.format(Locale.ROOT, "%.0f", rate));
            if (previous > 0 && Math.abs(rate - previous) <= 0.05 * previous) {
                break;
            }
            previous = rate;
        }
        say("warm-up, " + target.name() + ", C=8, reads/s per 10 s round: " + String.join(", ", rounds));
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        return ProcessCpu.jcmd(ProcessCpu.hostDerbyBroker(home).get("host-1"), command);
    }

    private void replicationLag(Secrets store, int writesPerSecond) throws Exception {
        switchReads("HYBRID");
        say("== Replication under a steady write load: " + writesPerSecond + " CreateSecret/s through host-1 for "
                + seconds + " s");
        List<PrometheusText> before = new ArrayList<>();
        for (int host = 1; host <= hosts; host++) {
            before.add(metrics(hostUrl(host)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Long>> activations = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / writesPerSecond;
        long started = System.nanoTime();
        int writes = 0;
        while (System.nanoTime() - started < seconds * 1_000_000_000L) {
            long due = started + writes * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = writes++;
            activations.add(pool.submit(() -> {
                long createdAt = System.nanoTime();
                Secret created = store.tenant
                        .vaults
                        .createSecret(CreateSecretRequest.builder()
                                .createSecretDetails(store.details(
                                                "lag-" + n + "-"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 6),
                                                "lag " + n)
                                        .build())
                                .build())
                        .getSecret();
                if (n % 5 != 0) {
                    return -1L;
                }
                store.active(created.getId());
                return (System.nanoTime() - createdAt) / 1_000_000;
            }));
        }
        List<Long> toActive = new ArrayList<>();
        for (Future<Long> activation : activations) {
            long millis = activation.get(120, TimeUnit.SECONDS);
            if (millis >= 0) {
                toActive.add(millis);
            }
        }
        pool.shutdown();
        Http.sleep(2000);
        for (int host = 1; host <= hosts; host++) {
            PrometheusText after = metrics(hostUrl(host));
            String labels = "{mp_scope=\"application\",store=\"shard-0\"}";
            double count = after.value("coffer_replication_apply_delay_seconds_count" + labels)
                    - before.get(host - 1).value("coffer_replication_apply_delay_seconds_count" + labels);
            double sum = after.value("coffer_replication_apply_delay_seconds_sum" + labels)
                    - before.get(host - 1).value("coffer_replication_apply_delay_seconds_sum" + labels);
            say(String.format(
                    Locale.ROOT,
                    "host-%d: %,.0f events applied, capture-to-apply mean %.0f ms, p50 %.0f ms, p99 %.0f ms",
                    host,
                    count,
                    count == 0 ? Double.NaN : sum * 1000.0 / count,
                    after.quantileMillis(
                            "coffer_replication_apply_delay_seconds",
                            "mp_scope=\"application\",store=\"shard-0\"",
                            "0.5"),
                    after.quantileMillis(
                            "coffer_replication_apply_delay_seconds",
                            "mp_scope=\"application\",store=\"shard-0\"",
                            "0.99")));
        }
        toActive.sort(Long::compare);
        if (!toActive.isEmpty()) {
            say(String.format(
                    Locale.ROOT,
                    "CreateSecret to ACTIVE (on every host of the cell), %d samples: p50 %d ms, p99 %d ms",
                    toActive.size(),
                    toActive.get(toActive.size() / 2),
                    toActive.get((int) (toActive.size() * 0.99))));
        }
        say("writes done: " + writes);
    }

    private List<Secret> createSecrets(Secrets store, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Secret>> created = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int index = n;
            created.add(pool.submit(() -> store.tenant
                    .vaults
                    .createSecret(CreateSecretRequest.builder()
                            .createSecretDetails(store.details("bench-" + index, "x".repeat(64))
                                    .build())
                            .build())
                    .getSecret()));
        }
        List<Secret> secrets = new ArrayList<>();
        for (Future<Secret> secret : created) {
            secrets.add(secret.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        for (Secret secret : secrets) {
            store.active(secret.getId());
        }
        // every host has them: warm each host's path once
        for (int host = 1; host <= hosts; host++) {
            store.tenant
                    .secretsAt(hostUrl(host))
                    .getSecretBundle(GetSecretBundleRequest.builder()
                            .secretId(secrets.get(0).getId())
                            .build());
        }
        return secrets;
    }

    /** The floor: the same server answering a static file of the bundle's size from a WAR of its own. */
    private Wrk.Result floor(int bytes) throws IOException, InterruptedException {
        Path war = home.resolve("bench/floor.war");
        Files.createDirectories(war.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("bundle.json"));
            zip.write("x".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        Process deploy = new ProcessBuilder(
                        home.resolve("payara/payara6/bin/asadmin").toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(URI.create(url).getPort() - 80 + 48),
                        "deploy",
                        "--force=true",
                        "--contextroot",
                        "bench-floor",
                        "--name",
                        "bench-floor",
                        war.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(deploy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (deploy.waitFor() != 0) {
            throw new IOException("deploying the floor WAR failed: " + output);
        }
        return Wrk.run(
                url, List.of(new Wrk.Request("GET", "/bench-floor/bundle.json", Map.of())), 2, 16, seconds, home, null);
    }

    private void switchReads(String accessor) {
        for (String store : List.of("base", "shard-0")) {
            Reply switched =
                    operator.put(url + "/admin/v1/shards/" + store + "/reads", "{\"accessor\":\"" + accessor + "\"}");
            if (switched.status() != 200) {
                throw new IllegalStateException("switching reads failed: " + switched.body());
            }
        }
        for (int host = 1; host <= hosts; host++) {
            String hostUrl = hostUrl(host);
            Http.await(
                    Duration.ofSeconds(20),
                    reply -> reply.body().split("\"readsHere\":\"" + accessor + "\"", -1).length == 3,
                    () -> operator.get(hostUrl + "/admin/v1/shards"));
        }
    }

    private String hostUrl(int host) {
        int port = URI.create(url).getPort() + 100 * (host - 1);
        return "http://127.0.0.1:" + port;
    }

    private static PrometheusText metrics(String hostUrl) {
        return new PrometheusText(Http.get(hostUrl + "/metrics").body());
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
        report.append(line).append('\n');
    }
}
