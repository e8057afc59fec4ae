/**
 * Time: every rule that depends on the time (expiry, scheduled deletion, rate limits, lag) reads it from the injected
 * {@link java.time.Clock}, never from the wall clock directly, so that tests can control it.
 */
package io.coffer.platform.time;
