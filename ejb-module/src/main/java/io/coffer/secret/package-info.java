/**
 * Secrets: the secret aggregate of OCI's Vault secret-management API. A {@code Secret} row and its
 * {@code SecretVersion} rows live in the shard of the secret's vault and are replicated to every host's local store;
 * the rules that change them are plain Java in {@code control}, one class per use case ({@code SecretCreation},
 * {@code SecretUpdate}, {@code SecretRotation}, {@code SecretDeletion}), the read check ({@code ContentReadability})
 * and housekeeping ({@code DeletionHousekeeping}); the entities are in {@code entity}, OCI's request and response
 * records in {@code entity.wire}. The name index ({@code SecretNameRoute}, base store) keeps names unique per vault.
 *
 * <p>Invariants a change must keep:
 * <ul>
 * <li>Content and metadata are stored only as ciphertext from the encryption layer; plaintext (given, generated or
 * decrypted) is never stored, logged, put in an exception message or a {@code toString}.</li>
 * <li>Version numbers start at 1, grow by 1 and are never reused; a deleted version stays as a tombstone without
 * ciphertext.</li>
 * <li>Exactly one live version is CURRENT (the secret's {@code currentVersionNumber}) and the newest is LATEST; at
 * most one is PENDING and one PREVIOUS; a version is DEPRECATED exactly when it is none of CURRENT, PENDING and
 * PREVIOUS. Only a DEPRECATED version that is not LATEST may be scheduled for deletion.</li>
 * <li>At most 30 versions in active use and 30 pending deletion per secret; a version name is unique among the
 * secret's versions that are not deleted; a secret name is unique among the vault's secrets that are not DELETED.</li>
 * <li>Every rule is checked once, before anything changes, and a refusal is a {@code CofferException} with OCI's
 * code.</li>
 * <li>Scheduled rotation ({@code rotationConfig} with {@code isScheduledRotationEnabled}) is for auto-generated
 * secrets only; a due secret is rotated exactly as RotateSecret does, by the cell's leading host, under the secret's
 * row lock (a second host finds it no longer due).</li>
 * <li>Time comes from the injected {@code Clock}; times are kept to the millisecond and answered in RFC 3339 UTC.</li>
 * <li>Rows are flat (no JPA relationships) with replicable types only: String, long, boolean, Instant, byte[];
 * every Instant column goes through {@code io.coffer.platform.time.InstantMillisConverter} (epoch milliseconds), or Derby cannot compare it.</li>
 * </ul>
 */
package io.coffer.secret;
