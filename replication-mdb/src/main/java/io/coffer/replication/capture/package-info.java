/**
 * Capture: every insert, update and delete of a {@code @Replicated} entity on a remote store becomes a row of that
 * store's {@code REPL_PENDING}.
 *
 * <p>Invariants: the pending row is written by the same EclipseLink session, on the same connection and in the same
 * transaction as the write itself, so it commits exactly when the write commits; it is an insert of a new row with its
 * own generated key, so concurrent writers (of one tenancy or of many) never wait for each other here, and no
 * sequence number is given yet (the publisher numbers events). The image holds every column as stored (for a
 * delete, the key only). A replicated entity has exactly one primary-key column, checked when the store opens. With a
 * store's capture switched off, its writes leave no events. After a transaction that captured events commits, the
 * store's publisher is woken once.
 */
package io.coffer.replication.capture;
