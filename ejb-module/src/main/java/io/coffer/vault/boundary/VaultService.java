package io.coffer.vault.boundary;

import io.coffer.platform.failure.CofferException;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.vault.control.ShardPlacement;
import io.coffer.vault.control.VaultDirectory;
import io.coffer.vault.entity.Vault;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.PageTokens;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Vaults of the caller's tenancy: create, read, list, update, schedule and cancel deletion. */
@Stateless
public class VaultService {

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
    Clock clock;

    public Vault create(String tenancyId, String compartmentId, String displayName, String vaultType,
            String freeformTags, String definedTags, RetryToken retry) {
        checkCompartment(tenancyId, compartmentId);
        Optional<String> previous = retries.previous(tenancyId, retry);
        if (previous.isPresent()) {
            return vaults.visible(tenancyId, previous.get());
        }
        String type = vaultType == null ? "DEFAULT" : vaultType;
        if (!type.equals("DEFAULT") && !type.equals("VIRTUAL_PRIVATE")) {
            throw CofferException.invalid("vaultType must be DEFAULT or VIRTUAL_PRIVATE");
        }
        EntityManager base = router.base();
        StoreId shard = ShardPlacement.choose(router.shards(), vaultsPerShard(base));
        Instant now = clock.instant();
        Vault vault = new Vault(tenancyId, compartmentId, displayName, type, shard, freeformTags, definedTags, now);
        base.persist(vault);
        base.persist(new ResourceRoute(vault.id(), ResourceKind.VAULT, tenancyId, vault.id(), shard, now));
        base.flush();
        retries.remember(tenancyId, retry, vault.id());
        return vault;
    }

    public Vault get(String tenancyId, String vaultId) {
        return vaults.visible(tenancyId, vaultId);
    }

    public Page<Vault> list(String tenancyId, String compartmentId, Integer limit, String page) {
        checkCompartment(tenancyId, compartmentId);
        int size = PageTokens.limit(limit, 100, MAX_PAGE);
        String jpql = "SELECT v FROM Vault v WHERE v.tenancyId = :tenancy AND v.compartmentId = :compartment";
        Instant afterTime = null;
        String afterId = null;
        if (page != null) {
            List<String> after = PageTokens.decode(page, "vaults", SORT);
            afterTime = Instant.ofEpochMilli(PageTokens.numericKey(after.get(0)));
            afterId = after.get(1);
            jpql += " AND (v.timeCreated < :afterTime OR (v.timeCreated = :afterTime AND v.id > :afterId))";
        }
        TypedQuery<Vault> query = router.base().createQuery(jpql + " ORDER BY v.timeCreated DESC, v.id ASC", Vault.class)
                .setParameter("tenancy", tenancyId)
                .setParameter("compartment", compartmentId)
                .setMaxResults(size + 1);
        if (page != null) {
            query.setParameter("afterTime", afterTime).setParameter("afterId", afterId);
        }
        List<Vault> found = query.getResultList();
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        Vault last = found.get(size - 1);
        return new Page<>(found.subList(0, size), PageTokens.encode("vaults", SORT, String.valueOf(last.timeCreated().toEpochMilli()), last.id()));
    }

    public Vault update(String tenancyId, String vaultId, String displayName, String freeformTags, String definedTags,
            String ifMatch) {
        Vault vault = vaults.visibleForUpdate(tenancyId, vaultId);
        Etags.check(ifMatch, vault.id(), vault.version());
        vault.update(displayName, freeformTags, definedTags);
        router.base().flush();
        return vault;
    }

    public Vault scheduleDeletion(String tenancyId, String vaultId, Instant timeOfDeletion, String ifMatch, RetryToken retry) {
        if (retries.previous(tenancyId, retry).isPresent()) {
            return vaults.visible(tenancyId, vaultId);
        }
        Vault vault = vaults.visibleForUpdate(tenancyId, vaultId);
        Etags.check(ifMatch, vault.id(), vault.version());
        vault.scheduleDeletion(timeOfDeletion, clock.instant());
        router.base().flush();
        retries.remember(tenancyId, retry, vault.id());
        return vault;
    }

    public Vault cancelDeletion(String tenancyId, String vaultId, String ifMatch, RetryToken retry) {
        if (retries.previous(tenancyId, retry).isPresent()) {
            return vaults.visible(tenancyId, vaultId);
        }
        Vault vault = vaults.visibleForUpdate(tenancyId, vaultId);
        Etags.check(ifMatch, vault.id(), vault.version());
        vault.cancelDeletion();
        router.base().flush();
        retries.remember(tenancyId, retry, vault.id());
        return vault;
    }

    private Map<StoreId, Long> vaultsPerShard(EntityManager base) {
        Map<StoreId, Long> counts = new HashMap<>();
        List<Object[]> rows = base.createQuery("SELECT r.store, COUNT(r) FROM ResourceRoute r WHERE r.kind = :kind GROUP BY r.store",
                Object[].class).setParameter("kind", ResourceKind.VAULT).getResultList();
        for (Object[] row : rows) {
            counts.put(StoreId.of((String) row[0]), (Long) row[1]);
        }
        return counts;
    }

    /** Until compartments below the root exist, a tenancy's only compartment is its root: the tenancy itself. */
    static void checkCompartment(String tenancyId, String compartmentId) {
        if (compartmentId == null || compartmentId.isBlank()) {
            throw CofferException.missing("compartmentId");
        }
        if (!compartmentId.equals(tenancyId)) {
            throw CofferException.notFound("compartment " + compartmentId);
        }
    }
}
