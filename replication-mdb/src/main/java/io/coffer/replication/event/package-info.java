/**
 * The replication event: a row change (table, key columns, the row image as stored) with its place in a store's log
 * (store, epoch, sequence) and its capture time.
 *
 * <p>Invariants: values are what JDBC reads and writes (strings, numbers, booleans, bytes, instants, dates), tagged
 * by type in the JSON form so that a host writes back exactly what the remote store holds; ciphertext stays
 * ciphertext and nothing is decrypted on the way. The same JSON text is stored in the log and sent as the message
 * body; the message's properties carry the event's place in the log.
 */
package io.coffer.replication.event;
