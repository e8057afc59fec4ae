package io.coffer.routing.control;

import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data plane's way into a store: runs a read through the accessor the operator chose for that store (REMOTE,
 * LOCAL or HYBRID), switchable at runtime without a redeploy. Control-plane writes never come here: they always go to
 * the remote store through the {@link ShardRouter}. A store of another cell, which this host keeps no replica of, is
 * always read remotely.
 */
@ApplicationScoped
public class StoreReads {

    @Inject
    StoreSettingsCache settings;

    @Inject
    ShardRouter router;

    @Inject
    Replication replication;

    @Inject
    StoreReadMetrics metrics;

    @Inject
    ReadSamples samples;

    @Inject
    LocalStoreConnections localConnections;

    private static final Logger LOG = Logger.getLogger(StoreReads.class.getName());

    private volatile boolean sampleFailed;
    private RemoteStoreAccessor remote;
    private LocalStoreAccessor local;
    private HybridStoreAccessor hybrid;

    @PostConstruct
    void createAccessors() {
        remote = new RemoteStoreAccessor(router, metrics);
        local = new LocalStoreAccessor(router, localConnections, replication, metrics);
        hybrid = new HybridStoreAccessor(replication, local, remote, metrics);
    }

    /**
     * A sampled read (see {@link ReadSamples}) also queues the replicated rows it found for the live verifier,
     * whichever accessor serves it: served locally, the verifier checks what was served; served by the remote store
     * (VERIFY), it checks the replica's copy of the same rows before reads switch over.
     */
    public <T> Optional<T> read(StoreId store, StoreRead<T> read) {
        if (!router.serves(store)) {
            // another cell's shard (a listing across shards): this host keeps no replica of it
            return remote.read(store, read);
        }
        StoreRead<T> run = samples.chosen(store)
                ? read.observed((unit, found) -> sample(store, read.what(), unit, found), router::localMappings)
                : read;
        return accessor(settings.reads(store)).read(store, run);
    }

    private void sample(StoreId store, String what, EntityManagerFactory unit, Object found) {
        try {
            samples.offer(ReplicatedRows.of(store, unit, found));
        } catch (RuntimeException unnamed) {
            // The verifier's sample must never fail the read it rides on; said once, the rows are simply not sampled.
            if (!sampleFailed) {
                sampleFailed = true;
                LOG.log(Level.WARNING, "the live verifier cannot name the rows of a " + what + " read", unnamed);
            }
        }
    }

    /**
     * Runs the reads of one request so that those served by this host's local store share one entity manager and
     * connection (see {@link ShardRouter#sharingLocalReads}); reads of the remote stores are unchanged.
     */
    public <T> T sharingLocalReads(Supplier<T> reads) {
        return router.sharingLocalReads(reads);
    }

    private StoreAccessor accessor(ReadAccessor kind) {
        return switch (kind) {
            case REMOTE -> remote;
            case LOCAL -> local;
            case HYBRID -> hybrid;
        };
    }
}
