package io.coffer.bench.chaos;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.vault.VaultsClient;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import io.coffer.it.support.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load through every host: writers alternate between CreateSecret and UpdateSecret (new content) at a fixed
 * total rate, readers read the latest acknowledged version of random secrets; every answer goes into the ledger. The
 * SDK's retries are off and its calls time out, so a hung host costs a writer at most the read timeout.
 */
public final class Load implements AutoCloseable {

    /** A secret is updated again only after this long: by then it is ACTIVE again (UpdateSecret needs ACTIVE). */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Secrets store;
    private final Ledger ledger;
    private final List<VaultsClient> vaults = new ArrayList<>();
    private final List<SecretsClient> bundles = new ArrayList<>();
    private final int writers;
    private final double writesPerSecond;
    private final int readers;
    private final double readsPerSecond;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object gate = new Object();
    private volatile boolean paused;
    private volatile boolean stopped;
    private int busy;

    public Load(
            Secrets store,
            List<String> hosts,
            Ledger ledger,
            int writers,
            double writesPerSecond,
            int readers,
            double readsPerSecond) {
        this.store = store;
        this.ledger = ledger;
        this.writers = writers;
        this.writesPerSecond = writesPerSecond;
        this.readers = readers;
        this.readsPerSecond = readsPerSecond;
        for (String host : hosts) {
            vaults.add(VaultsClient.builder()
                    .endpoint(host)
                    .configuration(clientConfiguration())
                    .build(store.tenant.credentials));
            bundles.add(SecretsClient.builder()
                    .endpoint(host)
                    .configuration(clientConfiguration())
                    .build(store.tenant.credentials));
        }
    }

    /** No retries, no circuit breaker (every answer is Coffer's own), and deadlines on every call. */
    static ClientConfiguration clientConfiguration() {
        return ClientConfiguration.builder()
                .connectionTimeoutMillis(5_000)
                .readTimeoutMillis(30_000)
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
    }

    public void start() {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(daemon("chaos-writer-" + w, () -> paced(writers / writesPerSecond, n -> write(writer, n))));
        }
        for (int r = 0; r < readers; r++) {
            threads.add(daemon("chaos-reader-" + r, () -> paced(readers / readsPerSecond, this::read)));
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops sending and waits (up to the call timeouts) until every call in flight has its answer. */
    public void pause() throws InterruptedException {
        synchronized (gate) {
            paused = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (busy > 0 && System.nanoTime() < deadline) {
                gate.wait(200);
            }
        }
    }

    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws InterruptedException {
        pause();
        stopped = true;
        resume();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(40));
        }
        vaults.forEach(VaultsClient::close);
        bundles.forEach(SecretsClient::close);
    }

    private interface Call {
        void run(long n);
    }

    private void paced(double secondsPerCall, Call call) {
        long interval = (long) (secondsPerCall * 1_000_000_000L);
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(Math.max(1, interval));
        for (long n = 0; !stopped; n++) {
            try {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (!enter()) {
                    next = System.nanoTime();
                    continue;
                }
                try {
                    call.run(n);
                } finally {
                    leave();
                }
                next = Math.max(next + interval, System.nanoTime() - interval);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    private boolean enter() throws InterruptedException {
        synchronized (gate) {
            while (paused && !stopped) {
                gate.wait();
            }
            if (stopped) {
                return false;
            }
            busy++;
            return true;
        }
    }

    private void leave() {
        synchronized (gate) {
            busy--;
            gate.notifyAll();
        }
    }

    private void write(int writer, long n) {
        VaultsClient client = vaults.get((int) ((writer + n) % vaults.size()));
        Ledger.Entry entry = ThreadLocalRandom.current().nextBoolean() ? ledger.pickForUpdate(QUIET_NANOS) : null;
        String content = "chaos-" + sequence.incrementAndGet() + "-" + UUID.randomUUID();
        if (entry == null) {
            String name = "chaos-" + writer + "-" + n + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            recorded(
                    () -> {
                        Secret created = client.createSecret(CreateSecretRequest.builder()
                                        .createSecretDetails(
                                                store.details(name, content).build())
                                        .build())
                                .getSecret();
                        ledger.created(created.getId(), name, created.getCurrentVersionNumber(), content);
                    },
                    () -> ledger.createInDoubt(name));
            return;
        }
        recorded(
                () -> {
                    Secret updated = client.updateSecret(UpdateSecretRequest.builder()
                                    .secretId(entry.secretId)
                                    .updateSecretDetails(UpdateSecretDetails.builder()
                                            .secretContent(Base64SecretContentDetails.builder()
                                                    .content(Secrets.base64(content))
                                                    .build())
                                            .build())
                                    .build())
                            .getSecret();
                    ledger.updated(entry, updated.getCurrentVersionNumber(), content);
                },
                () -> ledger.updateInDoubt(entry));
    }

    /** Runs a write; a refusal goes into the ledger by its status, a write without an answer as in doubt. */
    private void recorded(Runnable write, Runnable inDoubt) {
        try {
            write.run();
        } catch (BmcException failed) {
            if (answered(failed)) {
                ledger.refused(failed.getStatusCode(), failed.getServiceCode());
            } else {
                inDoubt.run();
            }
        } catch (RuntimeException noAnswer) {
            inDoubt.run();
        }
    }

    private void read(long n) {
        Ledger.Entry entry = ledger.pickForRead();
        if (entry == null) {
            return;
        }
        var latest = entry.latest();
        SecretsClient client = bundles.get((int) (n % bundles.size()));
        try {
            String content = ((Base64SecretBundleContentDetails) client.getSecretBundle(GetSecretBundleRequest.builder()
                                    .secretId(entry.secretId)
                                    .versionNumber(latest.getKey())
                                    .build())
                            .getSecretBundle()
                            .getSecretBundleContent())
                    .getContent();
            ledger.read(Secrets.text(content).equals(latest.getValue()));
        } catch (BmcException failed) {
            ledger.readFailed(answered(failed) ? String.valueOf(failed.getStatusCode()) : "no answer");
        } catch (RuntimeException noAnswer) {
            ledger.readFailed("no answer");
        }
    }

    /** Whether Coffer answered (with an error status), as opposed to a timeout or a refused connection. */
    static boolean answered(BmcException failure) {
        return failure.getStatusCode() > 0 && !failure.isTimeout();
    }
}
