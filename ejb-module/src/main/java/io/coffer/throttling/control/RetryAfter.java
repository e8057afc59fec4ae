package io.coffer.throttling.control;

/** HTTP's {@code Retry-After}: whole seconds, rounded up, never 0 (a client told 0 would retry at once). */
public final class RetryAfter {

    private RetryAfter() {}

    public static long seconds(long waitMicros) {
        return Math.max(1, (waitMicros + 999_999) / 1_000_000);
    }
}
