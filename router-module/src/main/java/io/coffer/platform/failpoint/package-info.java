/**
 * Failpoints: named points in the code where a test domain makes the JVM halt or pause, to prove deterministically
 * what a crash at that point leaves behind (see {@code Failpoints}).
 *
 * <p>Invariants: test-only. Nothing is armed unless the JVM was started with the system property {@code
 * coffer.failpoints} (which {@code ./coffer start} sets only on the host a test names in {@code COFFER_FAILPOINTS}); it
 * is read once, and an unarmed {@code reach} does nothing else but read one field. A point names the moment right
 * after one durable step and before the next, so that a halt there is a crash between the two.
 */
package io.coffer.platform.failpoint;
