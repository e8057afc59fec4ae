/**
 * The data plane: secret bundles (the Secrets service's GetSecretBundle, GetSecretBundleByName,
 * ListSecretBundleVersions). Every read goes through {@link io.coffer.routing.control.StoreReads}, so the operator's
 * per-store choice decides whether it is served by the remote store, this host's local store, or the local store with
 * fallback to the remote one.
 *
 * <p>Rules: a read is resolved in one store for all its parts (route, secret, version, key version) so that a fallback
 * is all or nothing; a secret whose local copy is CREATING or UPDATING is not served from the local store (the remote
 * store has the newer state); content is decrypted only after the version's rules allow it to be read.
 */
package io.coffer.bundle;
