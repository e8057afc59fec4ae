/**
 * Encryption at rest: envelope encryption of secret content and sensitive metadata.
 *
 * <p>Layers: a <em>root key</em> (an AES-256 key in a PKCS#12 keystore, or inside a PKCS#11 HSM that never lets it
 * out) wraps the material of every <em>master key version</em>; a master key version wraps a fresh <em>data key</em>
 * per sealed value; the data key encrypts the value with AES-256-GCM. Associated data binds every ciphertext to where it
 * belongs (tenancy, vault, secret, version, and what it is), so a ciphertext copied onto another row does not open.
 *
 * <p>Rules: plaintext and key material live only in memory, never in a column, a message, a log or a metric; every
 * stored ciphertext names the key that sealed it; nothing sealed is ever re-sealed in place (rotation adds versions).
 */
package io.coffer.crypto;
