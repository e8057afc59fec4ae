/**
 * The business clock over HTTP ({@code /admin/v1/clock}): read it anywhere; move it forward only on a test install
 * ({@code coffer.clock.adjustable}), to see scheduled deletions, expiries and rotations happen. It never moves back.
 */
package io.coffer.clock;
