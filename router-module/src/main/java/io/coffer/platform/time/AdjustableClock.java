package io.coffer.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The business clock: the wall clock, moved forward by an offset that only a test install may set (see {@code
 * coffer.clock.adjustable}), so that scheduled deletion, expiry and rotation can be driven without waiting days.
 */
public class AdjustableClock extends Clock {

    private final Clock wall;
    private final boolean adjustable;
    private volatile Duration offset = Duration.ZERO;

    /** For the container's client proxies only. */
    protected AdjustableClock() {
        this(Clock.systemUTC(), false);
    }

    public AdjustableClock(Clock wall, boolean adjustable) {
        this.wall = wall;
        this.adjustable = adjustable;
    }

    public boolean adjustable() {
        return adjustable;
    }

    public Duration offset() {
        return offset;
    }

    /** Moves this clock forward; refused unless the install allows it. Never moves backwards. */
    public synchronized void advance(Duration by) {
        if (!adjustable) {
            throw new IllegalStateException("this install's clock is not adjustable (coffer.clock.adjustable is off)");
        }
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset = offset.plus(by);
    }

    /** To the millisecond: what the stores keep is exactly what was read. */
    @Override
    public Instant instant() {
        return wall.instant().plus(offset).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Coffer's clock is UTC");
    }
}
