package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.Rfc3339;
import java.time.Duration;
import java.time.Instant;

/**
 * When a scheduled deletion of a secret or a secret version may happen. OCI ("Deleting a Secret"): between 1 day and
 * 30 days from now, 30 days when the request names no time. Coffer applies the same window to versions.
 *
 * <p>A client computes "now + 1 day" on its own clock and the request arrives a little later, so both bounds are
 * checked with a tolerance of {@link #TOLERANCE} (the same skew Coffer's request signatures allow); the time
 * requested is kept as given.
 */
public final class DeletionWindow {

    public static final Duration MIN = Duration.ofDays(1);
    public static final Duration MAX = Duration.ofDays(30);
    public static final Duration DEFAULT = MAX;
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private DeletionWindow() {}

    /** The time of deletion for a request made at {@code now}: the requested one if OCI allows it, or the default. */
    public static Instant resolve(String field, String requested, Instant now) {
        Instant when = Rfc3339.parse(field, requested);
        if (when == null) {
            return Rfc3339.millis(now.plus(DEFAULT));
        }
        if (when.isBefore(now.plus(MIN).minus(TOLERANCE))
                || when.isAfter(now.plus(MAX).plus(TOLERANCE))) {
            throw CofferException.invalid(field + " must be between 1 and 30 days from now ("
                    + Rfc3339.format(now.plus(MIN)) + " to " + Rfc3339.format(now.plus(MAX)) + "), not "
                    + Rfc3339.format(when));
        }
        return when;
    }
}
