package io.coffer.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * How a remote store (the base store or a shard's) is served, as the operator set it: which accessor serves its
 * data-plane reads, and whether its writes are captured for replication. Base store, replicated; every instance
 * keeps a copy in memory that follows changes within seconds.
 */
@Entity
@Table(name = "STORE_SETTINGS")
@Replicated
public class StoreSettings extends OperatorSetting {

    /** Who a row's changes are attributed to when Coffer, not an operator, made them. */
    public static final String INSTALL = "coffer";

    @Id
    @Column(name = "STORE_NAME", length = 32)
    private String store;

    @Enumerated(EnumType.STRING)
    @Column(name = "READ_ACCESSOR", length = 16, nullable = false)
    private ReadAccessor reads;

    @Column(name = "CAPTURE_ENABLED", nullable = false)
    private boolean captureEnabled;

    protected StoreSettings() {}

    /** A store as a new install has it: reads from the remote store, writes captured (phase 1 running). */
    public StoreSettings(StoreId store, Instant now) {
        this.store = store.name();
        this.reads = ReadAccessor.REMOTE;
        this.captureEnabled = true;
        changedBy(INSTALL, now);
    }

    /** Whether the switches are still as the install made them: no operator has changed them. */
    public boolean asInstalled() {
        return INSTALL.equals(updatedBy()) && reads == ReadAccessor.REMOTE && captureEnabled;
    }

    public StoreId store() {
        return StoreId.of(store);
    }

    public ReadAccessor reads() {
        return reads;
    }

    public boolean captureEnabled() {
        return captureEnabled;
    }

    /**
     * Serves reads from another accessor. Local reads need the replica kept current, so they are refused while
     * capture is off.
     */
    public void switchReads(ReadAccessor accessor, String operator, Instant now) {
        if (accessor != ReadAccessor.REMOTE && !captureEnabled) {
            throw new IllegalStateException("writes to " + store
                    + " are not captured; switch capture on (and backfill) before serving reads locally");
        }
        this.reads = accessor;
        changedBy(operator, now);
    }

    /** Capture can only be switched off while reads are served remotely: local replicas stop following. */
    public void switchCapture(boolean enabled, String operator, Instant now) {
        if (!enabled && reads != ReadAccessor.REMOTE) {
            throw new IllegalStateException(
                    "reads of " + store + " are served " + reads + "; switch them to REMOTE before stopping capture");
        }
        this.captureEnabled = enabled;
        changedBy(operator, now);
    }
}
