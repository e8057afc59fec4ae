package io.coffer.replication.migration;

import io.coffer.platform.time.RealTime;
import io.coffer.replication.capture.ReplicatedTables;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.control.ShardRouter;
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
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One step of a store's backfill or sweep, each in a transaction on that remote store alone: the lease is checked and
 * renewed, the events written and the bookmark moved in the same transaction, so a host that dies mid-step leaves
 * nothing of the step behind, and the host that takes the lease over goes on from the last committed bookmark.
 */
@Stateless
public class MigrationSteps {

    /** How long a lease lasts without renewal: past it, another host takes the work over. */
    static final Duration LEASE = Duration.ofSeconds(10);

    @Inject
    StoreConnections connections;

    @Inject
    ShardRouter router;

    @Inject
    @RealTime
    Clock clock;

    /**
     * Replays up to {@code budget} entities of the store's current backfill run.
     *
     * @return the work row after the step; empty when another host holds the lease or a rollback discarded the run
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<WorkRow> backfill(StoreId store, long run, int budget, double rate, String host) {
        SortedMap<String, String> tables = tables(store);
        Instant now = clock.instant();
        try (Connection remote = connections.remote(store)) {
            Optional<WorkRow> current = WorkRows.lockCurrent(remote, store, WorkKind.BACKFILL, run, tables, now)
                    .filter(row -> !row.leasedToOtherThan(host, now));
            if (current.isEmpty()) {
                return Optional.empty();
            }
            WorkRow row = current.get();
            if (row.done()) {
                return Optional.of(row);
            }
            Backfill.Step step = Backfill.step(remote, tables, row.table(), row.lastKey(), budget, now);
            WorkRow next = row.leasedTo(host, now.plus(LEASE))
                    .advanced(
                            step.table(),
                            step.lastKey(),
                            step.finished(),
                            step.processed(),
                            step.skipped(),
                            0,
                            0,
                            rate,
                            now);
            WorkRows.update(remote, store, next);
            return Optional.of(next);
        } catch (SQLException failure) {
            throw new EJBException("backfilling store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * Compares the next key range of the store's current sweep run (reads only, outside any transaction).
     *
     * @return the range and the work row it starts from; empty when another host holds the lease or it is done
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<SweepPlan> planSweep(StoreId store, long run, int size, String host) {
        SortedMap<String, String> tables = tables(store);
        Instant now = clock.instant();
        try (Connection remote = connections.remote(store);
                Connection local = connections.local()) {
            Optional<WorkRow> row = WorkRows.read(remote, store, WorkKind.SWEEP);
            if (row.isEmpty() || row.get().run() != run) {
                return Optional.of(new SweepPlan(run, null, null, null));
            }
            WorkRow work = row.get();
            if (work.leasedToOtherThan(host, now) || work.done()) {
                return Optional.empty();
            }
            return Optional.of(new SweepPlan(
                    run,
                    work.table(),
                    work.lastKey(),
                    Sweep.compare(remote, local, store, tables, work.table(), work.lastKey(), size)));
        } catch (SQLException failure) {
            throw new EJBException("sweeping store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * Repairs what a planned range found and moves the bookmark past it, if the run and bookmark are still the ones
     * planned from and the lease is this host's; a plan without a range starts the run.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<WorkRow> commitSweep(StoreId store, SweepPlan plan, double rate, String host) {
        SortedMap<String, String> tables = tables(store);
        Instant now = clock.instant();
        try (Connection remote = connections.remote(store)) {
            Optional<WorkRow> current = WorkRows.lockCurrent(remote, store, WorkKind.SWEEP, plan.run(), tables, now)
                    .filter(row -> !row.leasedToOtherThan(host, now));
            if (current.isEmpty()) {
                return Optional.empty();
            }
            WorkRow row = current.get();
            Sweep.Range range = plan.range();
            if (range == null || row.done()) {
                WorkRow leased = row.leasedTo(host, now.plus(LEASE));
                WorkRows.update(remote, store, leased);
                return Optional.of(leased);
            }
            if (!java.util.Objects.equals(row.table(), plan.table())
                    || !java.util.Objects.equals(row.lastKey(), plan.lastKey())) {
                // Another host moved the bookmark since this plan was made: plan again from where it is.
                return Optional.of(row);
            }
            for (String key : range.differing()) {
                EntityReplay.repair(remote, range.table(), tables.get(range.table()), key, now);
            }
            WorkRow next = row.leasedTo(host, now.plus(LEASE))
                    .advanced(
                            range.nextTable(),
                            range.nextKey(),
                            range.finished(),
                            range.checked(),
                            0,
                            range.differing().size(),
                            range.differing().size(),
                            rate,
                            now);
            WorkRows.update(remote, store, next);
            return Optional.of(next);
        } catch (SQLException failure) {
            throw new EJBException("repairing store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    /** A sweep range compared and not yet committed: where it started, and what it found. */
    public record SweepPlan(long run, String table, String lastKey, Sweep.Range range) {}

    private SortedMap<String, String> tables(StoreId store) {
        return new TreeMap<>(router.readRemote(store, ReplicatedTables::of));
    }
}
