package io.coffer.key.boundary;

import io.coffer.platform.failure.CofferException;
import io.coffer.key.control.KeyMaterial;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.vault.control.VaultDirectory;
import io.coffer.vault.entity.Vault;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.PageTokens;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Master keys of a vault and their versions, as the KMS management API (reached through the vault's management
 * endpoint) offers them: create, read, list, update, rotate (create a version), read and list versions.
 */
@Stateless
public class KeyService {

    private static final int MAX_PAGE = 1000;
    /** Lists are newest first; the page token records it. */
    private static final String SORT = "TIMECREATED,DESC";

    @Inject
    ShardRouter router;

    @Inject
    VaultDirectory vaults;

    @Inject
    RetryTokens retries;

    @Inject
    KeyMaterial material;

    @Inject
    Clock clock;

    public MasterKey create(String tenancyId, String vaultId, String compartmentId, String displayName, String algorithm,
            Integer length, String protectionMode, String freeformTags, String definedTags, RetryToken retry) {
        Vault vault = vaults.visible(tenancyId, vaultId);
        checkCompartment(vault, compartmentId);
        Optional<String> previous = retries.previous(tenancyId, retry);
        if (previous.isPresent()) {
            return get(tenancyId, vaultId, previous.get());
        }
        MasterKey.checkShape(algorithm, length);
        vault.requireActive();
        Instant now = clock.instant();
        MasterKey key = new MasterKey(tenancyId, vault.compartmentId(), vault.id(), displayName, protectionMode,
                freeformTags, definedTags, now);
        EntityManager shard = router.shard(vault.store());
        shard.persist(key);
        key.rotatedTo(newVersion(shard, key, now));
        router.base().persist(new ResourceRoute(key.id(), ResourceKind.KEY, tenancyId, vault.id(), vault.store(), now));
        shard.flush();
        retries.remember(tenancyId, retry, key.id());
        return key;
    }

    public MasterKey get(String tenancyId, String vaultId, String keyId) {
        Vault vault = vaults.visible(tenancyId, vaultId);
        MasterKey key = keyId == null ? null : router.shard(vault.store()).find(MasterKey.class, keyId);
        if (key == null || !key.vaultId().equals(vault.id())) {
            throw CofferException.notFound("key " + keyId);
        }
        return key;
    }

    public Page<MasterKey> list(String tenancyId, String vaultId, String compartmentId, Integer limit, String page) {
        Vault vault = vaults.visible(tenancyId, vaultId);
        checkCompartment(vault, compartmentId);
        int size = PageTokens.limit(limit, 100, MAX_PAGE);
        String jpql = "SELECT k FROM MasterKey k WHERE k.vaultId = :vault";
        List<String> after = page == null ? null : PageTokens.decode(page, "keys", SORT);
        if (after != null) {
            jpql += " AND (k.timeCreated < :afterTime OR (k.timeCreated = :afterTime AND k.id > :afterId))";
        }
        TypedQuery<MasterKey> query = router.shard(vault.store())
                .createQuery(jpql + " ORDER BY k.timeCreated DESC, k.id ASC", MasterKey.class)
                .setParameter("vault", vault.id())
                .setMaxResults(size + 1);
        if (after != null) {
            query.setParameter("afterTime", Instant.ofEpochMilli(PageTokens.numericKey(after.get(0)))).setParameter("afterId", after.get(1));
        }
        List<MasterKey> found = query.getResultList();
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        MasterKey last = found.get(size - 1);
        return new Page<>(found.subList(0, size), PageTokens.encode("keys", SORT, String.valueOf(last.timeCreated().toEpochMilli()), last.id()));
    }

    public MasterKey update(String tenancyId, String vaultId, String keyId, String displayName, String freeformTags,
            String definedTags, String ifMatch) {
        MasterKey key = lockedKey(tenancyId, vaultId, keyId);
        Etags.check(ifMatch, key.id(), key.version());
        key.update(displayName, freeformTags, definedTags);
        router.shard(vaults.visible(tenancyId, vaultId).store()).flush();
        return key;
    }

    /** Rotation: a new version that seals from now on; the older ones keep opening what they sealed. */
    public MasterKeyVersion createVersion(String tenancyId, String vaultId, String keyId, RetryToken retry) {
        Optional<String> previous = retries.previous(tenancyId, retry);
        if (previous.isPresent()) {
            return getVersion(tenancyId, vaultId, keyId, previous.get());
        }
        Vault vault = vaults.visible(tenancyId, vaultId);
        vault.requireActive();
        MasterKey key = lockedKey(tenancyId, vaultId, keyId);
        EntityManager shard = router.shard(vault.store());
        MasterKeyVersion version = newVersion(shard, key, clock.instant());
        key.rotatedTo(version);
        shard.flush();
        retries.remember(tenancyId, retry, version.id());
        return version;
    }

    public MasterKeyVersion getVersion(String tenancyId, String vaultId, String keyId, String versionId) {
        MasterKey key = get(tenancyId, vaultId, keyId);
        MasterKeyVersion version = versionId == null ? null
                : router.shard(vaults.visible(tenancyId, vaultId).store()).find(MasterKeyVersion.class, versionId);
        if (version == null || !version.keyId().equals(key.id())) {
            throw CofferException.notFound("key version " + versionId);
        }
        return version;
    }

    public Page<MasterKeyVersion> listVersions(String tenancyId, String vaultId, String keyId, Integer limit, String page) {
        MasterKey key = get(tenancyId, vaultId, keyId);
        int size = PageTokens.limit(limit, 100, MAX_PAGE);
        String jpql = "SELECT v FROM MasterKeyVersion v WHERE v.keyId = :key";
        List<String> after = page == null ? null : PageTokens.decode(page, "keys", SORT);
        if (after != null) {
            jpql += " AND (v.timeCreated < :afterTime OR (v.timeCreated = :afterTime AND v.id > :afterId))";
        }
        TypedQuery<MasterKeyVersion> query = router.shard(vaults.visible(tenancyId, vaultId).store())
                .createQuery(jpql + " ORDER BY v.timeCreated DESC, v.id ASC", MasterKeyVersion.class)
                .setParameter("key", key.id())
                .setMaxResults(size + 1);
        if (after != null) {
            query.setParameter("afterTime", Instant.ofEpochMilli(PageTokens.numericKey(after.get(0)))).setParameter("afterId", after.get(1));
        }
        List<MasterKeyVersion> found = query.getResultList();
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        MasterKeyVersion last = found.get(size - 1);
        return new Page<>(found.subList(0, size), PageTokens.encode("keys", SORT, String.valueOf(last.timeCreated().toEpochMilli()), last.id()));
    }

    private MasterKey lockedKey(String tenancyId, String vaultId, String keyId) {
        MasterKey key = get(tenancyId, vaultId, keyId);
        router.shard(vaults.visible(tenancyId, vaultId).store()).lock(key, LockModeType.PESSIMISTIC_WRITE);
        return key;
    }

    private MasterKeyVersion newVersion(EntityManager shard, MasterKey key, Instant now) {
        String versionId = MasterKeyVersion.newId();
        KeyMaterial.Wrapped wrapped = material.create(key.id(), versionId);
        MasterKeyVersion version = new MasterKeyVersion(versionId, key, wrapped.material(), wrapped.rootKeyId(), now);
        shard.persist(version);
        return version;
    }

    private static void checkCompartment(Vault vault, String compartmentId) {
        if (compartmentId == null || compartmentId.isBlank()) {
            throw CofferException.missing("compartmentId");
        }
        if (!compartmentId.equals(vault.compartmentId())) {
            throw CofferException.notFound("compartment " + compartmentId);
        }
    }
}
