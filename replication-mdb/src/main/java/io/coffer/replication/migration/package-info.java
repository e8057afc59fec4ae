/**
 * The migration of a remote store to local reads, phases 2 and 3, and the operator's moves through the phases (the
 * phases and their rules are {@code io.coffer.routing.entity.StoreMigration}).
 *
 * <p>Invariants: the phase row lives in the base store and changes together with the switches it stands for. The
 * background work (backfill, sweep) of a store runs on one host at a time, the holder of a lease in the store's
 * {@code REPL_MIGRATION} row, renewed by every step; a step's events, its bookmark and its lease commit together on
 * that remote store alone, so a step cut short leaves nothing and the next holder goes on from the last bookmark
 * (no gap, nothing written twice). Replayed and repaired rows go through the store's own log as pending events,
 * which take their place in the log order before the row is read ({@link io.coffer.replication.migration.EntityReplay}):
 * a replay never leaves an older row last on a replica. A backfill skips an entity with an event since live sync
 * started. A rollback discards the left phase's work by starting a new run number; work rows of another run are
 * ignored and started afresh. The live verifier ({@link io.coffer.replication.migration.LiveVerifier}) never runs on
 * the request path and never reads or logs a row's content, only its digest; it judges a row by the sweep's rules and
 * reports a discrepancy to the store's {@code REPL_VERIFIER} row, which every host's exit criterion reads.
 */
package io.coffer.replication.migration;
