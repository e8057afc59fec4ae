package io.coffer.routing.control;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The live verifier's side of the data plane: decides which reads are sampled and queues the replicated rows they
 * returned for replication's verifier, which drains the queue off the request path and compares each row as this
 * host's replica has it with the remote store's. Costs a sampled read one bounded, non-blocking offer.
 */
@ApplicationScoped
public class ReadSamples {

    /** Samples waiting at most; more are dropped (and counted) rather than slow a read. */
    static final int CAPACITY = 1_000;

    @Inject
    CofferSettings settings;

    @Inject
    StoreSettingsCache stores;

    @Inject
    Replication replication;

    private final SampleQueue queue = new SampleQueue(CAPACITY);
    private volatile double percent;

    @PostConstruct
    void readSettings() {
        percent = settings.liveVerifierSamplePercent();
    }

    /** Whether this read of the store is sampled. */
    boolean chosen(StoreId store) {
        return ReadSampling.chosen(percent, ThreadLocalRandom.current().nextDouble())
                && stores.captureEnabled(store)
                && replication.caughtUp(store);
    }

    void offer(List<ReadSample> rows) {
        rows.forEach(queue::offer);
    }

    /** Up to {@code max} queued samples, for the verifier. */
    public List<ReadSample> take(int max) {
        return queue.take(max);
    }

    /** Samples dropped because the verifier was behind, since start. */
    public long dropped() {
        return queue.dropped();
    }

    public double percent() {
        return percent;
    }
}
