package io.coffer.routing.entity;

/**
 * The phases a remote store's migration to local reads goes through, in order. Each phase says which of the
 * low-level switches ({@link StoreSettings}) it stands for: what is captured, and who serves the data-plane reads.
 */
public enum MigrationPhase {
    /** Nothing is captured; every read goes to the remote store. */
    REMOTE_ONLY(false, ReadAccessor.REMOTE),
    /** Phase 1: every write is captured and replicated; reads stay remote. */
    LIVE_SYNC(true, ReadAccessor.REMOTE),
    /** Phase 2: the entities last changed before live sync started are replayed into the log. */
    BACKFILL(true, ReadAccessor.REMOTE),
    /** Phase 3: the replica is compared with the remote store, and what differs is repaired. */
    VERIFY(true, ReadAccessor.REMOTE),
    /** Phase 4: reads are served locally, falling back to the remote store. */
    SWITCHED_OVER(true, ReadAccessor.HYBRID);

    private final boolean captures;
    private final ReadAccessor reads;

    MigrationPhase(boolean captures, ReadAccessor reads) {
        this.captures = captures;
        this.reads = reads;
    }

    public boolean captures() {
        return captures;
    }

    public ReadAccessor reads() {
        return reads;
    }

    public boolean isLast() {
        return this == SWITCHED_OVER;
    }

    public boolean isFirst() {
        return this == REMOTE_ONLY;
    }

    public MigrationPhase next() {
        if (isLast()) {
            throw new IllegalStateException("a store that is " + this + " has no further phase");
        }
        return values()[ordinal() + 1];
    }

    public MigrationPhase previous() {
        if (isFirst()) {
            throw new IllegalStateException("a store that is " + this + " has no earlier phase");
        }
        return values()[ordinal() - 1];
    }

    /**
     * The phase a store's switches stand for, for a store that has no migration row yet (an install that predates
     * the phases, or a store the operator drove with the low-level switches only).
     */
    public static MigrationPhase impliedBy(boolean captureEnabled, ReadAccessor reads) {
        if (!captureEnabled) {
            return REMOTE_ONLY;
        }
        return reads == ReadAccessor.REMOTE ? LIVE_SYNC : SWITCHED_OVER;
    }

    /**
     * Where a store's phases start when its row is first made: a store holding no data yet has nothing to migrate and
     * starts switched over (captured from its first write, reads local); a store holding data keeps what its switches
     * say.
     */
    public static MigrationPhase initial(boolean storeHoldsData, boolean captureEnabled, ReadAccessor reads) {
        return storeHoldsData ? impliedBy(captureEnabled, reads) : SWITCHED_OVER;
    }
}
