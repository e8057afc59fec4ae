/**
 * Master encryption keys (the KMS API's key resource) and their versions. A key lives in its vault's shard; each
 * version holds AES-256 material that never leaves Coffer unwrapped: it is stored wrapped by the root key (keystore or
 * HSM), together with which root key wrapped it. Rotation adds a version and makes it current; every older version
 * stays usable to open what it sealed.
 *
 * <p>Rules: AES-256 only; a key belongs to its vault's tenancy and compartment; versions are never changed, only added.
 */
package io.coffer.key;
