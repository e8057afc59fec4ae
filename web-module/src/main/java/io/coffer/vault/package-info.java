/**
 * Vaults over HTTP: the KMS API's {@code /20180608/vaults}, as {@code KmsVaultClient} calls it. Rules: request bodies
 * are checked here (presence, shape) before the EJB sees them; responses are the records of
 * {@code io.coffer.vault.entity.wire} with an {@code etag} header from the vault's row version.
 */
package io.coffer.vault;
