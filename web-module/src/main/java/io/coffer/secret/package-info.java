/**
 * Secrets over HTTP: the Vaults service's {@code /20180608/secrets}, as {@code VaultsClient} calls it. Rules: the
 * secret rules in ejb-module check every request field (this boundary adds none of its own, so each is checked once);
 * every mutation carries its {@code opc-retry-token}, hashed with the operation, target and body; every answer about
 * a secret carries its {@code etag}; no response ever carries secret content.
 */
package io.coffer.secret;
