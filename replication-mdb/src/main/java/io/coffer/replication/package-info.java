/**
 * Replication from remote stores to the local store of every data-plane host (phase 1 of the migration: sync live
 * mutations).
 *
 * <p>The path: a JPA write on a remote store is intercepted in the same transaction into a row of that store's
 * {@code REPL_PENDING} table (an insert-only append: two writers never touch the same row, so they never conflict);
 * the publisher, off the request path and one at a time per store, moves pending rows into the store's numbered
 * {@code REPL_LOG} and onto the JMS topic in one XA transaction; the message-driven bean on every host applies each
 * event to its local store in log order, and records how far it got in its bookmark.
 *
 * <p>Rules: events carry column values exactly as stored, so ciphertext only; a host applies sequence n only after
 * n-1 (duplicates are skipped, gaps are filled from the remote log), so every host's store is a prefix of the log;
 * nothing is acknowledged to the broker before the local write commits.
 */
package io.coffer.replication;
