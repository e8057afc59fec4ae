package io.coffer.replication.prune;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.replication.monitor.ReplicationProgress;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreNames;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Prunes one store's log, in a transaction on that store (see the package's rules). */
@Stateless
public class LogPruning {

    @Inject
    CofferSettings settings;

    @Inject
    StoreConnections connections;

    @Inject
    ReplicationMetrics metrics;

    @Inject
    ShardRouter router;

    @Inject
    @RealTime
    Clock clock;

    /**
     * What a prune did: the position every live host had applied (null when none was live or one follows an older
     * epoch, and nothing could be pruned), the entries deleted, and where the log starts and ends now.
     */
    public record Pruned(String store, Long appliedByEveryLiveHost, long pruned, Long firstSequence, long head) {}

    /** An operator's prune of a store named in a request, with their retention or the configured one. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Pruned pruneNow(String storeName, Optional<Duration> retention) {
        return prune(StoreNames.known(router, storeName, "store"), retention.orElse(settings.logRetention()));
    }

    /**
     * The schedule's prune: only on the leader of the hosts that replicate the store (the cell's, for a shard of this
     * host's cell; every cell's, for the base store), so that two hosts never delete the same entries at once.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Pruned> pruneIfLeader(StoreId store) {
        try (Connection base = connections.base()) {
            Optional<String> leader = ReplicationProgress.cellLeader(base, replicatingCell(store), clock.instant());
            if (leader.isEmpty() || !leader.get().equals(settings.instance())) {
                return Optional.empty();
            }
        } catch (SQLException failure) {
            throw new EJBException("cannot tell which host leads the cell: " + failure.getMessage(), failure);
        }
        return Optional.of(prune(store, settings.logRetention()));
    }

    /**
     * The cell whose hosts replicate the store, null for every cell: the base store is on every host of every cell, a
     * shard only on its own cell's (the schedule prunes only the shards of this host's cell).
     */
    private String replicatingCell(StoreId store) {
        return store.isBase() ? null : settings.cell();
    }

    private Pruned prune(StoreId store, Duration retention) {
        if (retention.isNegative()) {
            throw CofferException.invalid("the retention must not be negative");
        }
        Instant now = clock.instant();
        try (Connection remote = connections.remote(store);
                Connection base = connections.base()) {
            long applied = ReplicationProgress.appliedByEveryHost(remote, base, store, replicatingCell(store), now);
            long pruned = LogPruner.prune(remote, applied, now.minus(retention));
            if (pruned > 0) {
                metrics.pruned(store, pruned);
            }
            boolean known = applied > 0 && applied != Long.MAX_VALUE;
            return new Pruned(
                    store.name(),
                    known ? applied : null,
                    pruned,
                    LogPruner.firstSequence(remote).stream().boxed().findFirst().orElse(null),
                    RemoteLog.head(remote, store).sequence());
        } catch (SQLException failure) {
            throw new EJBException("pruning the log of store " + store + " failed: " + failure.getMessage(), failure);
        }
    }
}
