package io.coffer.replication.migration;

import io.coffer.platform.time.PeriodicTask;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.apply.Bookmarks;
import io.coffer.replication.capture.ReplicatedTables;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ReadSample;
import io.coffer.routing.control.ReadSamples;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Phase 3's live verifier: drains the rows that sampled data-plane reads returned ({@link ReadSamples}) off the
 * request path and compares each, as this host's replica has it, with the remote store's row, by the sweep's row
 * digest and with the sweep's in-flight rule. A discrepancy is counted, logged by store, table and key (never
 * content) and reported to the store's {@code REPL_VERIFIER} row, where the exit criterion LIVE_VERIFIER_QUIET of
 * whichever host answers an advance reads it.
 */
@Singleton
@Startup
@DependsOn("ReplicationWiring")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LiveVerifier {

    private static final Logger LOG = Logger.getLogger(LiveVerifier.class.getName());
    static final long TICK_MILLIS = 100;
    /** Rows one tick compares at most; the queue holds the rest, or drops what does not fit. */
    static final int BATCH = 200;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ReadSamples samples;

    @Inject
    StoreConnections connections;

    @Inject
    ShardRouter router;

    @Inject
    LiveVerifierMetrics metrics;

    @Inject
    @RealTime
    Clock clock;

    private final Map<StoreId, Map<String, String>> keyColumns = new ConcurrentHashMap<>();
    private volatile PeriodicTask ticking;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        ticking = PeriodicTask.start(executor, this::drain, 1_000, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(ticking);
    }

    void drain() {
        List<ReadSample> batch = samples.take(BATCH);
        for (ReadSample sample : batch) {
            try {
                check(sample);
                if (failing) {
                    LOG.info("the live verifier compares again");
                    failing = false;
                }
            } catch (SQLException | RuntimeException failure) {
                // The store is unreachable or the row unreadable now: this sample is not judged either way.
                if (!failing) {
                    LOG.log(
                            Level.WARNING,
                            "the live verifier could not compare a row of store " + sample.store() + ": "
                                    + failure.getMessage());
                    failing = true;
                }
            }
        }
    }

    private void check(ReadSample sample) throws SQLException {
        String keyColumn = keyColumns(sample.store()).get(sample.table());
        if (keyColumn == null) {
            return;
        }
        try (Connection remote = connections.remote(sample.store());
                Connection local = connections.local()) {
            // In this order: a change applied after the position is read is logged after it (in flight), and one
            // committed remotely after the replica's row is read is pending or logged after it too.
            long applied = Bookmarks.read(local, sample.store()).applied();
            Optional<String> localRow =
                    RowDigests.ofKey(local, sample.table(), keyColumn, sample.key(), sample.store());
            Optional<String> remoteRow = RowDigests.ofKey(remote, sample.table(), keyColumn, sample.key(), null);
            LiveVerdict verdict = LiveVerdict.of(remoteRow, localRow, () -> {
                try {
                    return Sweep.inFlight(remote, sample.table(), sample.key(), applied);
                } catch (SQLException failure) {
                    throw new IllegalStateException(failure.getMessage(), failure);
                }
            });
            metrics.compared(sample.store());
            if (verdict == LiveVerdict.DIFFERS) {
                metrics.foundDiscrepancy(sample.store());
                LOG.warning("live verifier: the replica of store " + sample.store() + " differs from it in table "
                        + sample.table() + ", key " + sample.key());
                LiveDiscrepancies.report(remote, sample.store(), clock.instant());
            }
        }
    }

    private Map<String, String> keyColumns(StoreId store) {
        return keyColumns.computeIfAbsent(store, key -> new TreeMap<>(router.readRemote(key, ReplicatedTables::of)));
    }
}
