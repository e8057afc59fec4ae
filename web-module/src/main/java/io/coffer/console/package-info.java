/**
 * The admin console: one page, served at {@code /console/}, that shows health, every store's read accessor and
 * capture switch, every host's replication position and lag, each store's migration phase and progress (with the
 * advance, rollback, pause and resume moves), and the tenancies, and drives the switches. The page
 * itself holds no data and needs no signature; everything it shows comes from the admin API, signed in the browser
 * (WebCrypto) with the operator's key, which never leaves the browser session.
 */
package io.coffer.console;
