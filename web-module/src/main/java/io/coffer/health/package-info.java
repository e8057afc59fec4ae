/**
 * Health: MicroProfile readiness checks (served by the server at {@code /health}) for every store this instance
 * uses and for the JMS broker. Each check does one real round trip and reports what it reached.
 */
package io.coffer.health;
