package io.coffer.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop load: requests sent at a fixed rate whatever the server's latency (as clients of a service do), each
 * latency measured from the moment it was due, so a server that falls behind shows it (no coordinated omission).
 * Requests are signed once and replayed.
 *
 * <p>Each stream keeps at most {@link #IN_FLIGHT} requests in flight, as a client with a bounded connection pool does
 * (an SDK client's): a request due while that many are out waits for one to come back, its latency still counted from
 * when it was due. The JDK's client alone opens a new connection whenever none is idle; once answers slowed, a stream
 * at 2,000 requests/s held 8,670 connections open to one host, a flood of connections, which throttling requests
 * cannot answer.
 */
final class OpenLoad {

    static final int IN_FLIGHT = 64;

    /**
     * One HTTP client per stream name, kept across runs: a client has one selector thread, and streams sharing it
     * would measure each other's queueing in the client instead of the server's answer.
     */
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    /** What one stream saw: latencies of its 200s in milliseconds, and how many answers of each other kind. */
    record Outcome(String name, int sent, double[] okMillis, int throttled, int failed, double seconds) {

        double percentile(double p) {
            if (okMillis.length == 0) {
                return Double.NaN;
            }
            double[] sorted = okMillis.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        double okPerSecond() {
            return okMillis.length / seconds;
        }

        double throttledPerSecond() {
            return throttled / seconds;
        }
    }

    /** A stream: its name, its requests (used in turn) and its rate. */
    record Stream(String name, List<HttpRequest> requests, int perSecond) {}

    private OpenLoad() {}

    /** Runs every stream at once for the given seconds and answers what each saw. */
    static List<Outcome> run(List<Stream> streams, int seconds) throws InterruptedException {
        List<Thread> senders = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<Runnable> collectors = new ArrayList<>();
        for (Stream stream : streams) {
            ConcurrentLinkedQueue<Double> ok = new ConcurrentLinkedQueue<>();
            int[] throttled = new int[1];
            int[] failed = new int[1];
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            long[] elapsed = new long[1];
            int total = stream.perSecond() * seconds;
            HttpClient client = CLIENTS.computeIfAbsent(
                    stream.name(),
                    name -> HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .version(HttpClient.Version.HTTP_1_1)
                            .build());
            Thread sender = new Thread(
                    () -> {
                        long interval = 1_000_000_000L / stream.perSecond();
                        long started = System.nanoTime();
                        for (int n = 0; n < total; n++) {
                            long due = started + n * interval;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                try {
                                    TimeUnit.NANOSECONDS.sleep(wait);
                                } catch (InterruptedException stop) {
                                    return;
                                }
                            }
                            HttpRequest request =
                                    stream.requests().get(n % stream.requests().size());
                            try {
                                inFlight.acquire();
                            } catch (InterruptedException stop) {
                                return;
                            }
                            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                                    .handle((response, failure) -> {
                                        inFlight.release();
                                        if (failure != null) {
                                            synchronized (failed) {
                                                failed[0]++;
                                            }
                                        } else if (response.statusCode() == 200) {
                                            ok.add((System.nanoTime() - due) / 1e6);
                                        } else if (response.statusCode() == 429) {
                                            synchronized (throttled) {
                                                throttled[0]++;
                                            }
                                        } else {
                                            synchronized (failed) {
                                                failed[0]++;
                                            }
                                        }
                                        return null;
                                    }));
                        }
                        elapsed[0] = System.nanoTime() - started;
                    },
                    "load-" + stream.name());
            senders.add(sender);
            collectors.add(() -> {
                pending.forEach(CompletableFuture::join);
                outcomes.add(new Outcome(
                        stream.name(),
                        total,
                        ok.stream().mapToDouble(Double::doubleValue).toArray(),
                        throttled[0],
                        failed[0],
                        elapsed[0] / 1e9));
            });
        }
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join();
        }
        collectors.forEach(Runnable::run);
        return outcomes;
    }
}
