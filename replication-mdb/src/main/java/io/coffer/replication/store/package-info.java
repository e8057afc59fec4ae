/**
 * Replication's own tables in the stores, and how replication reaches them. Every remote store has its pending events
 * ({@code REPL_PENDING}), its numbered log ({@code REPL_LOG}) and its publisher row ({@code REPL_PUBLISHER}: the
 * epoch, the last sequence given out and how far the log was sent); the base store also has each host's reported position ({@code REPL_HOST});
 * every local store has a bookmark per remote store ({@code REPL_BOOKMARK}) and where each replicated row came from
 * ({@code REPL_ORIGIN}).
 *
 * <p>Invariants: the tables are created if missing, by whichever instance opens the store first, outside any
 * caller's transaction, and a column added later is added to existing stores the same way; a connection is taken only after the store has been opened, so they exist. An epoch numbers
 * the lifetimes of a store's log: rolling replication back empties the log and starts a new epoch. A table or column
 * name from an event or from metadata is checked to be a plain identifier before it is quoted into SQL.
 */
package io.coffer.replication.store;
