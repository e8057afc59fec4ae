package io.coffer.replication.event;

import io.coffer.routing.entity.StoreId;
import java.time.Instant;

/**
 * A row change with its place in the log of the store it came from: within one epoch of a store's log, sequence
 * numbers are contiguous from 1 and define the order every host applies them in.
 */
public record ReplicationEvent(StoreId store, long epoch, long sequence, Instant capturedAt, RowChange change) {}
