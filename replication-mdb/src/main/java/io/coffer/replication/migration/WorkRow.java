package io.coffer.replication.migration;

import java.time.Instant;

/**
 * One run of a store's backfill or sweep as its remote store records it: the bookmark (the table and the last key
 * done), the counts, the measured rate, and the lease of the host running it.
 *
 * @param run the run number of the store's migration row this work belongs to; a row of another run is discarded
 * @param table the table being worked on, null before the first and after the last
 * @param lastKey the last key done in {@code table}, null at its start
 */
public record WorkRow(
        WorkKind kind,
        long run,
        boolean done,
        String table,
        String lastKey,
        long processed,
        long total,
        long skipped,
        long discrepancies,
        long repaired,
        double rate,
        String leaseHolder,
        Instant leaseUntil,
        Instant startedAt,
        Instant updatedAt) {

    static WorkRow start(WorkKind kind, long run, long total, Instant now) {
        return new WorkRow(kind, run, false, null, null, 0, total, 0, 0, 0, 0, null, null, now, now);
    }

    /** Whether another host holds the lease at {@code now}. */
    boolean leasedToOtherThan(String host, Instant now) {
        return leaseHolder != null && !leaseHolder.equals(host) && leaseUntil != null && leaseUntil.isAfter(now);
    }

    WorkRow leasedTo(String host, Instant until) {
        return new WorkRow(
                kind,
                run,
                done,
                table,
                lastKey,
                processed,
                total,
                skipped,
                discrepancies,
                repaired,
                rate,
                host,
                until,
                startedAt,
                updatedAt);
    }

    WorkRow advanced(
            String nextTable,
            String nextKey,
            boolean finished,
            long moreProcessed,
            long moreSkipped,
            long moreDiscrepancies,
            long moreRepaired,
            double measuredRate,
            Instant now) {
        return new WorkRow(
                kind,
                run,
                finished,
                nextTable,
                nextKey,
                processed + moreProcessed,
                Math.max(total, processed + moreProcessed),
                skipped + moreSkipped,
                discrepancies + moreDiscrepancies,
                repaired + moreRepaired,
                finished ? 0 : measuredRate,
                leaseHolder,
                leaseUntil,
                startedAt,
                now);
    }
}
