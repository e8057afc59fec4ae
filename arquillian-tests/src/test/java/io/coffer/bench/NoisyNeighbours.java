package io.coffer.bench;

import com.oracle.bmc.vault.model.Secret;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.Throttling;
import io.coffer.server.signing.OciRequestSigner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The noisy-neighbour benchmark, against a running topology (see bench/noisy-neighbours): four tenancies read their
 * secrets at a steady rate while a fifth, limited to L reads/s, sends 10 L; the four's latency with the fifth
 * bursting beside without it, with throttling on and then off. Then the read path's own cost of throttling: the most
 * reads/s one tenancy gets through host-1 with throttling on (a limit never reached) and off, and host-1's CPU per
 * read. Prints a report and writes it to the given file.
 *
 * <p>Arguments: {@code <coffer home> <host-1 url> <hosts> <seconds per run> <steady reads/s per tenancy> <noisy limit>
 * <report file> [<rounds>]}: each round measures each setting alone, bursting, bursting, alone; the verdict pools every
 * round's runs, so that more rounds tell a small difference from the run-to-run noise.
 */
public final class NoisyNeighbours {

    private final Path home;
    private final String url;
    private final int hosts;
    private final int seconds;
    private final int rounds;
    private final StringBuilder report = new StringBuilder();
    /** Who signs each list of reads, to sign them again before every run. */
    private final Map<List<HttpRequest>, OciRequestSigner> signers = new IdentityHashMap<>();

    private Operator operator;

    private NoisyNeighbours(Path home, String url, int hosts, int seconds, int rounds) {
        this.home = home;
        this.url = url;
        this.hosts = hosts;
        this.seconds = seconds;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        NoisyNeighbours bench = new NoisyNeighbours(
                Path.of(args[0]), args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), rounds);
        bench.run(Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        Path output = Path.of(args[6]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, bench.report.toString());
        System.out.println();
        System.out.println("report written to " + output);
        System.exit(0);
    }

    private void run(int steadyRate, int noisyLimit) throws Exception {
        say("Coffer noisy-neighbour benchmark, " + Instant.now() + ", " + hosts + " host(s) on one machine ("
                + Runtime.getRuntime().availableProcessors() + " cores), Java " + System.getProperty("java.version"));
        operator = Operator.of(home).ready(url);
        for (String store : List.of("base", "shard-0")) {
            Reply switched = operator.put(url + "/admin/v1/shards/" + store + "/reads", "{\"accessor\":\"HYBRID\"}");
            require(switched.status() == 200, "switching reads: " + switched.body());
        }
        List<List<HttpRequest>> steady = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            steady.add(reads("steady-" + i, 20));
        }
        Tenant noisyTenant = Tenant.create(operator, url, "noisy");
        List<HttpRequest> noisy = reads(noisyTenant, 20);
        Throttling.limit(
                operator,
                noisyTenant.tenancyId,
                "{\"dataPlaneReadsPerSecond\": " + noisyLimit + ", \"burstSeconds\": 1}",
                hostUrls().toArray(String[]::new));

        say("");
        say(String.format(
                Locale.ROOT,
                "== Noisy neighbours: 4 tenancies at %d reads/s each, open loop; a fifth limited to %d reads/s"
                        + " sends %d/s (%d s per run, reads served from the local store)",
                steadyRate,
                noisyLimit,
                10 * noisyLimit,
                seconds));
        say(String.format(
                Locale.ROOT,
                "%-38s %7s %7s %7s %7s %6s | %7s %10s %7s %6s",
                "run",
                "4: req",
                "p50 ms",
                "p99 ms",
                "max ms",
                "errors",
                "5: sent",
                "admitted/s",
                "429/s",
                "errors"));
        // Warm-up with both loads, throttling on and off, so that the JIT has compiled the read and the refusal
        // paths before the first measured run.
        for (boolean enabled : new boolean[] {true, false}) {
            setEnabled(enabled);
            OpenLoad.run(streams(steady, steadyRate, noisy, 10 * noisyLimit), Math.max(10, seconds / 2));
        }
        List<String> verdicts = new ArrayList<>();
        for (boolean enabled : new boolean[] {true, false}) {
            setEnabled(enabled);
            String setting = enabled ? "throttling on" : "throttling off";
            List<OpenLoad.Outcome> alone = new ArrayList<>();
            List<OpenLoad.Outcome> bursting = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<OpenLoad.Outcome> roundAlone = new ArrayList<>();
                List<OpenLoad.Outcome> roundBursting = new ArrayList<>();
                // Alone, bursting, bursting, alone: whatever drifts during the four runs (the JIT, the machine's other
                // work) weighs on both sides alike.
                int run = 0;
                for (boolean withFifth : new boolean[] {false, true, true, false}) {
                    List<OpenLoad.Outcome> outcomes = OpenLoad.run(
                            streams(steady, steadyRate, withFifth ? noisy : null, 10 * noisyLimit), seconds);
                    line(
                            setting
                                    + (withFifth ? ", fifth bursting" : ", four alone")
                                    + (rounds > 1 ? " r" + round : "")
                                    + (run < 2 ? " (1st)" : " (2nd)"),
                            outcomes);
                    (withFifth ? roundBursting : roundAlone).add(merged(outcomes.subList(0, 4)));
                    run++;
                }
                if (rounds > 1) {
                    verdicts.add(verdict(setting + ", round " + round, roundAlone, roundBursting));
                }
                alone.addAll(roundAlone);
                bursting.addAll(roundBursting);
            }
            verdicts.add(verdict(setting + (rounds > 1 ? ", all " + rounds + " rounds" : ""), alone, bursting));
        }
        verdicts.forEach(this::say);

        say("");
        say("== Read-path cost of throttling: one tenancy's reads through host-1, wrk -t2 -c16, limit never reached");
        say(String.format(
                Locale.ROOT,
                "%-20s %9s %8s %8s %14s %s",
                "throttling",
                "req/s",
                "p50 ms",
                "p99 ms",
                "host-1 CPU ms/req",
                ""));
        Tenant reader = Tenant.create(operator, url, "reader");
        // Above what one host serves: the built-in default (5,000 reads/s) is within its reach, and would refuse some.
        Throttling.limit(
                operator,
                reader.tenancyId,
                "{\"dataPlaneReadsPerSecond\": 1000000}",
                hostUrls().toArray(String[]::new));
        Secrets readerStore = Secrets.in(reader);
        List<Wrk.Request> wrkReads = new ArrayList<>();
        for (Secret secret : secrets(readerStore, "read-", 20)) {
            String path = "/20190301/secretbundles/" + secret.getId();
            wrkReads.add(new Wrk.Request("GET", path, reader.signer().sign("GET", URI.create(url + path), null)));
        }
        long hostPid = Long.parseLong(
                Files.readString(home.resolve("domains/host-1/config/pid")).trim());
        Wrk.run(url, wrkReads, 2, 16, Math.max(10, seconds / 2), home, null);
        double[] cpuPerRequest = new double[2];
        int run = 0;
        for (boolean enabled : new boolean[] {true, false, true, false}) {
            setEnabled(enabled);
            double cpuBefore = ProcessCpu.seconds(hostPid);
            Wrk.Result result = Wrk.run(url, wrkReads, 2, 16, seconds, home, null);
            double cpuMillis = (ProcessCpu.seconds(hostPid) - cpuBefore) * 1000 / Math.max(1, result.requests());
            if (run >= 2) {
                cpuPerRequest[enabled ? 0 : 1] = cpuMillis;
            }
            say(String.format(
                    Locale.ROOT,
                    "%-20s %9.0f %8.2f %8.2f %14.3f %s",
                    (enabled ? "on" : "off") + (run < 2 ? " (1st)" : " (2nd)"),
                    result.requestsPerSecond(),
                    result.p50Millis(),
                    result.p99Millis(),
                    cpuMillis,
                    result.errors() > 0
                            ? "ERRORS " + result.errors() + " (not 2xx: " + result.non2xx()
                                    + ", the rest socket errors)"
                            : ""));
            run++;
        }
        say(String.format(
                Locale.ROOT,
                "host-1 CPU per read, 2nd runs: on %.3f ms, off %.3f ms: throttling costs %+.3f ms per read",
                cpuPerRequest[0],
                cpuPerRequest[1],
                cpuPerRequest[0] - cpuPerRequest[1]));
        setEnabled(true);
        refusalCost(noisyTenant, noisy, hostPid);
    }

    /**
     * What a refusal costs the host: the fifth's reads through host-1 at full speed (wrk, signed once), nearly all of
     * them over its limit, with host-1's CPU per request, then a JFR profile of the same load. A refusal must cost far
     * less than a read, or a tenancy sending many times its limit still takes the host from the others.
     */
    private void refusalCost(Tenant noisyTenant, List<HttpRequest> noisy, long hostPid) throws Exception {
        say("");
        say("== Cost of a refusal: the fifth's reads through host-1 at full speed, wrk -t2 -c16, over its limit");
        List<Wrk.Request> refused = new ArrayList<>();
        for (HttpRequest read : noisy) {
            String path = read.uri().getPath();
            refused.add(new Wrk.Request("GET", path, noisyTenant.signer().sign("GET", URI.create(url + path), null)));
        }
        Wrk.run(url, refused, 2, 16, Math.max(10, seconds / 2), home, null);
        double cpuBefore = ProcessCpu.seconds(hostPid);
        Wrk.Result result = Wrk.run(url, refused, 2, 16, seconds, home, null);
        double cpuMillis = (ProcessCpu.seconds(hostPid) - cpuBefore) * 1000 / Math.max(1, result.requests());
        say(String.format(
                Locale.ROOT,
                "%,d requests, %.0f/s, %,d not 200 (429 or failed), p50 %.2f ms, p99 %.2f ms: host-1 CPU %.3f ms per request",
                result.requests(),
                result.requestsPerSecond(),
                result.errors(),
                result.p50Millis(),
                result.p99Millis(),
                cpuMillis));
        Path recording = home.resolve("bench/profile-refusals.jfr");
        Files.createDirectories(recording.getParent());
        Files.deleteIfExists(recording);
        ProcessCpu.jcmd(hostPid, "JFR.start", "name=refusals", "settings=profile", "filename=" + recording);
        Wrk.run(url, refused, 2, 16, seconds, home, null);
        ProcessCpu.jcmd(hostPid, "JFR.stop", "name=refusals");
        say("JFR profile of host-1 under the same load (" + recording + "):");
        JfrTop.of(recording, 25).forEach(this::say);
    }

    private static String verdict(String setting, List<OpenLoad.Outcome> alone, List<OpenLoad.Outcome> bursting) {
        double p99Alone = merged(alone).percentile(0.99);
        double p99Bursting = merged(bursting).percentile(0.99);
        return String.format(
                Locale.ROOT,
                "%s: the four's p99 alone %.1f ms, with the fifth bursting %.1f ms (%+.0f%%)",
                setting,
                p99Alone,
                p99Bursting,
                100 * (p99Bursting / p99Alone - 1));
    }

    private void line(String name, List<OpenLoad.Outcome> outcomes) {
        OpenLoad.Outcome four = merged(outcomes.subList(0, 4));
        OpenLoad.Outcome fifth = outcomes.size() > 4 ? outcomes.get(4) : null;
        say(String.format(
                Locale.ROOT,
                "%-38s %7d %7.1f %7.1f %7.1f %6d | %7s %10s %7s %6s",
                name,
                four.sent(),
                four.percentile(0.5),
                four.percentile(0.99),
                four.percentile(1.0),
                four.throttled() + four.failed(),
                fifth == null ? "-" : String.valueOf(fifth.sent()),
                fifth == null ? "-" : String.format(Locale.ROOT, "%.1f", fifth.okPerSecond()),
                fifth == null ? "-" : String.format(Locale.ROOT, "%.1f", fifth.throttledPerSecond()),
                fifth == null ? "-" : String.valueOf(fifth.failed())));
    }

    private static OpenLoad.Outcome merged(List<OpenLoad.Outcome> outcomes) {
        int sent = 0;
        int throttled = 0;
        int failed = 0;
        List<Double> ok = new ArrayList<>();
        double seconds = 0;
        for (OpenLoad.Outcome outcome : outcomes) {
            sent += outcome.sent();
            throttled += outcome.throttled();
            failed += outcome.failed();
            for (double millis : outcome.okMillis()) {
                ok.add(millis);
            }
            seconds = Math.max(seconds, outcome.seconds());
        }
        return new OpenLoad.Outcome(
                "four", sent, ok.stream().mapToDouble(Double::doubleValue).toArray(), throttled, failed, seconds);
    }

    /** The streams of one run, each request signed again now: a signature older than five minutes is refused. */
    private List<OpenLoad.Stream> streams(
            List<List<HttpRequest>> steady, int steadyRate, List<HttpRequest> noisy, int noisyRate) {
        List<OpenLoad.Stream> streams = new ArrayList<>();
        for (int i = 0; i < steady.size(); i++) {
            streams.add(new OpenLoad.Stream("steady-" + (i + 1), signedNow(steady.get(i)), steadyRate));
        }
        if (noisy != null) {
            streams.add(new OpenLoad.Stream("noisy", signedNow(noisy), noisyRate));
        }
        return streams;
    }

    private List<HttpRequest> signedNow(List<HttpRequest> reads) {
        OciRequestSigner signer = signers.get(reads);
        return reads.stream()
                .map(read -> SignedRequests.get(signer, read.uri()))
                .toList();
    }

    /** A tenancy with secrets, and a signed read of each on every host in turn. */
    private List<HttpRequest> reads(String name, int secretCount) {
        return reads(Tenant.create(operator, url, name), secretCount);
    }

    private List<HttpRequest> reads(Tenant tenant, int secretCount) {
        Secrets store = Secrets.in(tenant);
        OciRequestSigner signer = tenant.signer();
        List<HttpRequest> reads = new ArrayList<>();
        for (Secret secret : secrets(store, "s-", secretCount)) {
            String host = hostUrls().get(reads.size() % hosts);
            URI uri = URI.create(host + "/20190301/secretbundles/" + secret.getId());
            reads.add(SignedRequests.get(signer, uri));
        }
        signers.put(reads, signer);
        return reads;
    }

    /** Creates the secrets one after the other, then waits until all are ACTIVE (on every host). */
    private static List<Secret> secrets(Secrets store, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(store.tenant
                    .vaults
                    .createSecret(com.oracle.bmc.vault.requests.CreateSecretRequest.builder()
                            .createSecretDetails(
                                    store.details(prefix + i, "x".repeat(64)).build())
                            .build())
                    .getSecret()
                    .getId());
        }
        return ids.stream().map(store::active).toList();
    }

    private void setEnabled(boolean enabled) {
        Reply set = operator.put(url + "/admin/v1/limits", "{\"enabled\": " + enabled + "}");
        require(set.status() == 200, "switching throttling: " + set.body());
        for (String host : hostUrls()) {
            Reply followed = io.coffer.it.support.Http.await(
                    Duration.ofSeconds(20),
                    reply -> reply.status() == 200
                            && reply.json().getJsonObject("effective").getBoolean("enabled") == enabled,
                    () -> operator.get(host + "/admin/v1/limits"));
            require(
                    followed != null
                            && followed.json().getJsonObject("effective").getBoolean("enabled") == enabled,
                    host + " does not follow the switch");
        }
    }

    private List<String> hostUrls() {
        List<String> urls = new ArrayList<>();
        for (int host = 1; host <= hosts; host++) {
            urls.add("http://127.0.0.1:" + (URI.create(url).getPort() + 100 * (host - 1)));
        }
        return urls;
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
