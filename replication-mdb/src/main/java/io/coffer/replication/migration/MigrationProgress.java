package io.coffer.replication.migration;

import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.entity.ExitCriterion;
import io.coffer.routing.entity.StoreId;
import io.coffer.routing.entity.StoreMigration;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How far a store's background work has got, as its remote store records it; read outside any transaction. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MigrationProgress {

    @Inject
    StoreConnections connections;

    /**
     * The store's backfill and sweep rows (of whatever run they belong to), and the live verifier's discrepancies
     * reported by any host.
     */
    public record Work(Optional<WorkRow> backfill, Optional<WorkRow> sweep, LiveDiscrepancies live) {

        /** The backfill of the migration's current run, if it has started. */
        public Optional<WorkRow> currentBackfill(StoreMigration migration) {
            return backfill.filter(row -> row.run() == migration.backfillRun());
        }

        /** The sweep of the migration's current run, if it has started. */
        public Optional<WorkRow> currentSweep(StoreMigration migration) {
            return sweep.filter(row -> row.run() == migration.sweepRun());
        }

        /** Discrepancies the live verifier of any host reported on the store. */
        public long liveDiscrepancies() {
            return live.count();
        }

        /** When the live verifier of any host last reported a discrepancy on the store. */
        public Optional<Instant> lastLiveDiscrepancy() {
            return live.last();
        }

        /**
         * What the exit criteria read; the live verifier is quiet when no host reported a discrepancy within
         * {@code quietWindow} before {@code now}.
         */
        public ExitCriterion.Evidence evidence(StoreMigration migration, Instant now, Duration quietWindow) {
            Optional<WorkRow> sweepRow = currentSweep(migration);
            return new ExitCriterion.Evidence(
                    currentBackfill(migration).map(WorkRow::done).orElse(false),
                    sweepRow.map(WorkRow::done).orElse(false),
                    sweepRow.map(row -> row.discrepancies() - row.repaired()).orElse(0L),
                    LiveVerdict.quiet(live.last(), now, quietWindow));
        }
    }

    public Work of(StoreId store) {
        try (Connection remote = connections.remote(store)) {
            return new Work(
                    WorkRows.read(remote, store, WorkKind.BACKFILL),
                    WorkRows.read(remote, store, WorkKind.SWEEP),
                    LiveDiscrepancies.read(remote, store));
        } catch (SQLException failure) {
            throw new EJBException(
                    "reading the migration of store " + store + " failed: " + failure.getMessage(), failure);
        }
    }
}
