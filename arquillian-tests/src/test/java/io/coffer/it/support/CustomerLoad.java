package io.coffer.it.support;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.vault.VaultsClient;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import com.oracle.bmc.vault.requests.GetSecretRequest;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import io.coffer.it.support.Http.Reply;
import io.coffer.server.signing.OciRequestSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * A steady customer load on a topology, as a small service's clients make it: signed writes (CreateSecret, and
 * UpdateSecret of what it created once that is ACTIVE) a few a second, and signed reads of known secrets
 * (GetSecretBundle, content checked) a few tens a second, spread over the hosts that are up. Every request is counted
 * by operation and status; every failure (any status but 2xx, no answer, or wrong content) is kept with its time.
 *
 * <p>A host is taken out of the load before it is killed ({@link #withdraw}: waits until nothing is in flight to it)
 * and put back once it serves again; writes are paused where they are expected to be refused (the remote store
 * frozen), reads go on.
 */
public final class CustomerLoad implements AutoCloseable {

    private static final long WRITE_PERIOD_MILLIS = 400;
    private static final long READ_PERIOD_MILLIS = 50;
    private static final int READERS = 2;
    /** How many known secrets (indexes 0 to this) must be written before the load starts. */
    public static final int FIRST_WRITTEN = 50;

    /** What a read of a known secret must return: its id and its content, by an index the load picks at random. */
    public interface KnownSecrets {
        /** How many indexes there are. */
        int count();

        /** The secret's id, or null when it is not written yet. */
        String id(int index);

        String content(int index);
    }

    public record Failure(Instant at, String operation, String host, int status, String detail) {
        @Override
        public String toString() {
            return at + " " + operation + " via " + host + ": " + status + " " + detail;
        }
    }

    private final Secrets secrets;
    private final OciRequestSigner signer;
    private final KnownSecrets known;
    private final List<String> hosts;
    private final Set<String> up = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, VaultsClient> vaults = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean writesPaused = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Secrets the load created, oldest first, not updated yet. */
    private final Deque<String> created = new ConcurrentLinkedDeque<>();

    private final List<Thread> threads = new ArrayList<>();

    private CustomerLoad(Secrets secrets, List<String> hosts, KnownSecrets known) {
        this.secrets = secrets;
        this.signer = secrets.tenant.signer();
        this.known = known;
        this.hosts = List.copyOf(hosts);
        for (String host : hosts) {
            up.add(host);
            inFlight.put(host, new AtomicInteger());
            vaults.put(host, secrets.tenant.vaultsAt(host));
        }
    }

    public static CustomerLoad start(Secrets secrets, List<String> hosts, KnownSecrets known) {
        CustomerLoad load = new CustomerLoad(secrets, hosts, known);
        load.threads.add(new Thread(load::write, "customer-writer"));
        for (int i = 0; i < READERS; i++) {
            load.threads.add(new Thread(load::read, "customer-reader-" + i));
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    /** Takes the host out of the load and waits (at most a minute) until no request to it is in flight. */
    public void withdraw(String host) {
        up.remove(host);
        awaitIdle(() -> inFlight.get(host).get() == 0, "requests in flight to " + host);
    }

    public void restore(String host) {
        up.add(host);
    }

    /** Pauses the writes and waits (at most a minute) until none is in flight; reads go on. */
    public void pauseWrites() {
        writesPaused.set(true);
        awaitIdle(() -> !writing.get(), "a write in flight");
    }

    public void resumeWrites() {
        writesPaused.set(false);
    }

    public long count(String operation) {
        return counts.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(operation + " "))
                .mapToLong(entry -> entry.getValue().sum())
                .sum();
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Requests by operation and status, e.g. {@code {CreateSecret 200=123, GetSecretBundle 200=4567}}. */
    public String summary() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.sum()));
        return sorted.toString();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofMinutes(2).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write() {
        int n = 0;
        String suffix = Long.toHexString(System.nanoTime() & 0xffffff);
        while (running.get()) {
            if (!writesPaused.get()) {
                writing.set(true);
                try {
                    if (!writesPaused.get()) {
                        if (n % 2 == 0) {
                            create("load-" + n + "-" + suffix, "load content " + n);
                        } else {
                            updateOldest(n);
                        }
                        n++;
                    }
                } finally {
                    writing.set(false);
                }
            }
            Http.sleep(WRITE_PERIOD_MILLIS);
        }
    }

    private void create(String name, String content) {
        send("CreateSecret", host -> {
            Secret secret = vaults.get(host)
                    .createSecret(CreateSecretRequest.builder()
                            .createSecretDetails(secrets.details(name, content).build())
                            .build())
                    .getSecret();
            created.addLast(secret.getId());
            return null;
        });
    }

    /** Updates the oldest secret the load created once it is ACTIVE (an update of one still CREATING is refused). */
    private void updateOldest(int n) {
        String oldest = created.pollFirst();
        if (oldest == null) {
            return;
        }
        String state = send(
                "GetSecret",
                host -> vaults.get(host)
                        .getSecret(GetSecretRequest.builder().secretId(oldest).build())
                        .getSecret()
                        .getLifecycleState()
                        .getValue());
        if (!"ACTIVE".equals(state)) {
            created.addFirst(oldest);
            return;
        }
        send("UpdateSecret", host -> {
            vaults.get(host)
                    .updateSecret(UpdateSecretRequest.builder()
                            .secretId(oldest)
                            .updateSecretDetails(UpdateSecretDetails.builder()
                                    .description("updated by the load " + n)
                                    .build())
                            .build());
            return null;
        });
    }

    private void read() {
        while (running.get()) {
            int index = ThreadLocalRandom.current().nextInt(known.count());
            if (known.id(index) == null) {
                index = index % FIRST_WRITTEN;
            }
            String id = known.id(index);
            if (id != null) {
                String expected = known.content(index);
                send("GetSecretBundle", host -> {
                    Reply reply = Http.signed(signer, "GET", host + "/20190301/secretbundles/" + id, null);
                    if (reply.status() != 200) {
                        throw new Refused(reply.status(), reply.body());
                    }
                    String content = Secrets.text(
                            reply.json().getJsonObject("secretBundleContent").getString("content"));
                    if (!content.equals(expected)) {
                        throw new Refused(200, "secret " + id + " read as something else than written");
                    }
                    return null;
                });
            }
            Http.sleep(READ_PERIOD_MILLIS);
        }
    }

    /** Sends one request through a host that is up; counts it; answers what the call answered (null if it failed). */
    private <T> T send(String operation, java.util.function.Function<String, T> call) {
        List<String> candidates = hosts.stream().filter(up::contains).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        String host = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        AtomicInteger busy = inFlight.get(host);
        busy.incrementAndGet();
        try {
            // withdrawn meanwhile: not sent (withdraw waits for what is in flight, this was not yet)
            if (!up.contains(host)) {
                return null;
            }
            T answer = call.apply(host);
            counted(operation, 200);
            return answer;
        } catch (Refused refused) {
            failed(operation, host, refused.status, refused.detail);
        } catch (BmcException refused) {
            failed(operation, host, refused.getStatusCode(), refused.getServiceCode() + " " + refused.getMessage());
        } catch (RuntimeException failure) {
            failed(operation, host, 0, failure.toString());
        } finally {
            busy.decrementAndGet();
        }
        return null;
    }

    private void counted(String operation, int status) {
        counts.computeIfAbsent(operation + " " + status, key -> new LongAdder()).increment();
    }

    private void failed(String operation, String host, int status, String detail) {
        counted(operation, status);
        failures.add(new Failure(
                Instant.now(),
                operation,
                host,
                status,
                detail == null ? "" : detail.substring(0, Math.min(detail.length(), 300))));
    }

    private static void awaitIdle(java.util.function.BooleanSupplier idle, String what) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!idle.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still " + what + " after a minute");
            }
            Http.sleep(20);
        }
    }

    /** A reply that is not what the customer expected. */
    private static final class Refused extends RuntimeException {
        final int status;
        final String detail;

        Refused(int status, String detail) {
            super(status + " " + detail, null, false, false);
            this.status = status;
            this.detail = detail;
        }
    }

    /** Known secrets from an id array filled as they are written, with content derived from the index. */
    public static KnownSecrets known(
            java.util.concurrent.atomic.AtomicReferenceArray<String> ids, IntFunction<String> content) {
        return new KnownSecrets() {
            @Override
            public int count() {
                return ids.length();
            }

            @Override
            public String id(int index) {
                return ids.get(index);
            }

            @Override
            public String content(int index) {
                return content.apply(index);
            }
        };
    }
}
