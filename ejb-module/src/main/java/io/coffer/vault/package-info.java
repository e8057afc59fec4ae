/**
 * Vaults (the KMS API's vault resource): the logical container of keys and secrets, and the shard key. A vault is
 * placed on a shard when it is created and stays there; the vault record and its route live in the base store
 * (routing metadata, replicated to every host), everything inside it in its shard's store.
 *
 * <p>Rules: a vault belongs to one tenancy and only that tenancy sees it (anyone else gets 404); its compartment is
 * its tenancy's root compartment; deletion is scheduled 7 to 30 days ahead and can be cancelled until then; nothing
 * new is created in a vault that is not ACTIVE.
 */
package io.coffer.vault;
