package io.coffer.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a remote store's migration to local reads stands: its phase, since when, and what its background work runs
 * with (the run numbers that name the current backfill and sweep, the backfill's rate limit, whether the work is
 * paused). Base store only: every host's migration runner reads it from there; the hosts follow a phase through the
 * {@link StoreSettings} it sets, which every instance follows within seconds.
 *
 * <p>A phase stands for a setting of the low-level switches ({@link MigrationPhase#captures()}, {@link
 * MigrationPhase#reads()}); {@link #settingsVersion} is the version of the settings row this machine last wrote, so a
 * newer version means an operator used the switches outside the machine.
 */
@Entity
@Table(name = "STORE_MIGRATION")
public class StoreMigration extends OperatorSetting {

    /** Entities per second a backfill replays unless the operator sets another limit. */
    public static final long DEFAULT_BACKFILL_LIMIT = 2_000;
    /** The highest backfill limit an operator may set. */
    public static final long MAX_BACKFILL_LIMIT = 1_000_000;

    @Id
    @Column(name = "STORE_NAME", length = 32)
    private String store;

    @Enumerated(EnumType.STRING)
    @Column(name = "PHASE", length = 16, nullable = false)
    private MigrationPhase phase;

    @Column(name = "PHASE_SINCE", nullable = false)
    private Instant phaseSince;

    /** When capture was last switched on by the machine; null when it predates the machine. */
    @Column(name = "LIVE_SYNC_SINCE")
    private Instant liveSyncSince;

    @Column(name = "BACKFILL_RUN", nullable = false)
    private long backfillRun;

    @Column(name = "SWEEP_RUN", nullable = false)
    private long sweepRun;

    @Column(name = "PAUSED", nullable = false)
    private boolean paused;

    @Column(name = "BACKFILL_LIMIT", nullable = false)
    private long backfillLimit;

    @Column(name = "SETTINGS_VERSION", nullable = false)
    private long settingsVersion;

    protected StoreMigration() {}

    public StoreMigration(StoreId store, MigrationPhase phase, Instant now) {
        this.store = store.name();
        this.phase = phase;
        this.phaseSince = now;
        this.liveSyncSince = null;
        this.backfillLimit = DEFAULT_BACKFILL_LIMIT;
        this.settingsVersion = -1;
        changedBy("coffer", now);
    }

    public StoreId store() {
        return StoreId.of(store);
    }

    public MigrationPhase phase() {
        return phase;
    }

    public Instant phaseSince() {
        return phaseSince;
    }

    public Optional<Instant> liveSyncSince() {
        return Optional.ofNullable(liveSyncSince);
    }

    public long backfillRun() {
        return backfillRun;
    }

    public long sweepRun() {
        return sweepRun;
    }

    public boolean paused() {
        return paused;
    }

    public long backfillLimit() {
        return backfillLimit;
    }

    /** Moves one phase forward if the phase's exit criterion holds (or {@code force}); starts the new phase's work. */
    public void advance(ExitCriterion.Evidence evidence, boolean force, String operator, Instant now) {
        if (phase.isLast()) {
            throw new MigrationRefused("store " + store + " is already " + phase + "; there is no further phase");
        }
        if (!force) {
            ExitCriterion.failing(phase, evidence).ifPresent(criterion -> {
                throw new MigrationRefused(
                        "store " + store + " cannot leave " + phase + ": exit criterion " + criterion + " ("
                                + criterion.meaning() + ") does not hold; add ?force=true to advance anyway",
                        criterion);
            });
        }
        MigrationPhase next = phase.next();
        switch (next) {
            case LIVE_SYNC -> liveSyncSince = now;
            case BACKFILL -> backfillRun++;
            case VERIFY -> sweepRun++;
            default -> {}
        }
        enter(next, operator, now);
    }

    /**
     * Moves one phase back; never refused by a criterion. Leaving BACKFILL discards the backfill's progress, leaving
     * VERIFY the sweep's (a new run starts from scratch when the phase is entered again); leaving SWITCHED_OVER keeps
     * the sweep's result, so the store can switch over again at once. Only the base store cannot go back to
     * REMOTE_ONLY: its routing metadata is what every host routes by, and is always captured.
     */
    public void rollBack(String operator, Instant now) {
        if (phase.isFirst()) {
            throw new MigrationRefused("store " + store + " is already " + phase + "; there is no earlier phase");
        }
        MigrationPhase previous = phase.previous();
        if (previous == MigrationPhase.REMOTE_ONLY && store().isBase()) {
            throw new MigrationRefused(
                    "the base store's writes are always captured: its routing metadata is what every host routes by");
        }
        switch (phase) {
            case BACKFILL -> backfillRun++;
            case VERIFY -> sweepRun++;
            default -> {}
        }
        enter(previous, operator, now);
    }

    public void pause(String operator, Instant now) {
        paused = true;
        changedBy(operator, now);
    }

    public void resume(String operator, Instant now) {
        paused = false;
        changedBy(operator, now);
    }

    public void limitBackfill(long entitiesPerSecond, String operator, Instant now) {
        if (entitiesPerSecond < 1 || entitiesPerSecond > MAX_BACKFILL_LIMIT) {
            throw new IllegalArgumentException("entitiesPerSecond must be between 1 and " + MAX_BACKFILL_LIMIT);
        }
        backfillLimit = entitiesPerSecond;
        changedBy(operator, now);
    }

    /**
     * Sets the switches the phase stands for, in the order that keeps their own rules: capture on before reads leave
     * the remote store, reads back on the remote store before capture stops.
     */
    public void applyTo(StoreSettings settings, String operator, Instant now) {
        if (phase.captures()) {
            if (!settings.captureEnabled()) {
                settings.switchCapture(true, operator, now);
            }
            if (settings.reads() != phase.reads()) {
                settings.switchReads(phase.reads(), operator, now);
            }
        } else {
            if (settings.reads() != phase.reads()) {
                settings.switchReads(phase.reads(), operator, now);
            }
            if (settings.captureEnabled()) {
                settings.switchCapture(false, operator, now);
            }
        }
    }

    /** Records the settings' version once written (flushed): a later version was set outside the machine. */
    public void followedBy(StoreSettings settings) {
        this.settingsVersion = settings.version();
    }

    /** Whether the switches were changed outside the machine since it last set them. */
    public boolean switchesChangedOutside(StoreSettings settings) {
        return settings.version() != settingsVersion;
    }

    /** A pause holds until resumed, across phases: an operator may pause, advance, and let the work start later. */
    private void enter(MigrationPhase target, String operator, Instant now) {
        phase = target;
        phaseSince = now;
        changedBy(operator, now);
    }
}
