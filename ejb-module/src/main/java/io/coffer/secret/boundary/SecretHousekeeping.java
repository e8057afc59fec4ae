package io.coffer.secret.boundary;

import io.coffer.routing.control.AppliedEverywhere;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.DeletionHousekeeping;
import io.coffer.secret.control.SecretCrypto;
import io.coffer.secret.control.SecretDirectory;
import io.coffer.secret.control.SecretDirectory.Located;
import io.coffer.secret.control.SecretRotation;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.vault.entity.Vault;
import io.coffer.vault.entity.VaultState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The work nobody asks for but time: secrets becoming ACTIVE once every host has them, scheduled rotations of
 * auto-generated secrets, and scheduled deletions happening when their time comes (vaults, with everything in them;
 * secrets; versions). Each unit of work runs in a transaction of its own, so one failure does not hold back the rest;
 * several instances may run it at once (row locks and a second look at the locked row make the second one a no-op).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SecretHousekeeping {

    /** How many due rotations one pass of a shard takes on. */
    static final int ROTATIONS_PER_PASS = 50;

    @Inject
    ShardRouter router;

    @Inject
    Replication replication;

    @Inject
    SecretDirectory secrets;

    @Inject
    SecretRotation rotation;

    @Inject
    DeletionHousekeeping deletions;

    @Inject
    SecretCrypto crypto;

    @Inject
    Clock clock;

    @EJB
    SecretNames names;

    @EJB
    VaultContents contents;

    /** A secret whose changes every live host has applied, as its row stood then ({@code rowVersion}). */
    public record Replicated(String secretId, long rowVersion) {}

    /**
     * Step 1 of activation, outside any transaction: the secrets of the shard that are CREATING or UPDATING and whose
     * changes every live host of the cell has applied (their row, their newest version, their route in the base
     * store). It only reads, each store on its own, so step 2 writes one store alone: a commit that is never two-phase
     * cannot be left prepared (holding its row locks) by a store or a host that dies during it. One pass costs a
     * handful of queries whatever the number of secrets waiting.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Replicated> replicatedWaiting(StoreId shard) {
        List<Object[]> waiting = router.readRemote(
                shard,
                em -> em.createQuery(
                                "SELECT s.id, s.latestVersionNumber, s.version FROM Secret s"
                                        + " WHERE s.lifecycleState IN ('CREATING', 'UPDATING')",
                                Object[].class)
                        .setMaxResults(500)
                        .getResultList());
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<String> ids = waiting.stream().map(row -> (String) row[0]).toList();
        List<String> newestVersions = waiting.stream()
                .map(row -> SecretVersion.idOf((String) row[0], ((Number) row[1]).longValue()))
                .toList();
        AppliedEverywhere secretRows = replication.appliedEverywhere(shard, "SECRET", ids);
        AppliedEverywhere versionRows = replication.appliedEverywhere(shard, "SECRET_VERSION", newestVersions);
        AppliedEverywhere routes = replication.appliedEverywhere(StoreId.BASE, "RESOURCE_ROUTE", ids);
        List<Replicated> replicated = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            String id = ids.get(i);
            if (secretRows.includes(id) && versionRows.includes(newestVersions.get(i)) && routes.includes(id)) {
                replicated.add(new Replicated(id, ((Number) waiting.get(i)[2]).longValue()));
            }
        }
        return replicated;
    }

    /**
     * Step 2 of activation, in a transaction on the shard alone: makes ACTIVE each secret found in step 1 whose row has
     * not changed since (a change since then, an update or a deletion, is judged again by the next pass).
     *
     * @return how many became ACTIVE
     */
    public int activate(StoreId shard, List<Replicated> replicated) {
        EntityManager store = router.shard(shard);
        int activated = 0;
        for (Replicated candidate : replicated) {
            Secret secret = store.find(Secret.class, candidate.secretId(), LockModeType.PESSIMISTIC_WRITE);
            if (secret == null || secret.version() != candidate.rowVersion()) {
                continue;
            }
            SecretLifecycleState state = secret.lifecycleState();
            if (state == SecretLifecycleState.CREATING || state == SecretLifecycleState.UPDATING) {
                secret.activate();
                activated++;
            }
        }
        return activated;
    }

    /** The secrets of the shard whose scheduled rotation is due now, the longest overdue first. */
    public List<String> dueRotations(StoreId shard) {
        return router
                .shard(shard)
                .createNamedQuery(Secret.DUE_FOR_ROTATION, Secret.class)
                .setParameter("now", clock.instant())
                .setMaxResults(ROTATIONS_PER_PASS)
                .getResultList()
                .stream()
                .map(Secret::id)
                .toList();
    }

    /**
     * Rotates the secret as RotateSecret does, if its scheduled rotation is still due once it is locked: a new CURRENT
     * version of generated content, the secret UPDATING until every host has it. @return whether it was rotated
     */
    public boolean rotateIfDue(StoreId shard, String secretId) {
        EntityManager store = router.shard(shard);
        Secret secret = store.find(Secret.class, secretId, LockModeType.PESSIMISTIC_WRITE);
        if (secret == null || !secret.isRotationDue(clock.instant())) {
            return false;
        }
        Located located = new Located(secret, shard);
        store.persist(rotation.rotate(
                secret,
                secrets.versions(located),
                crypto.sealer(secrets.sealingKeyVersion(located)),
                crypto.priorContent(id -> secrets.keyVersion(shard, id))));
        secret.beginUpdate();
        return true;
    }

    /** Deletes what is due on this shard now. @return how many secrets and versions were deleted */
    public int deleteDue(StoreId shard) {
        EntityManager store = router.shard(shard);
        List<Secret> secrets = store.createNamedQuery(Secret.DUE_FOR_DELETION, Secret.class)
                .setParameter("now", clock.instant())
                .setMaxResults(200)
                .getResultList();
        List<SecretVersion> versions = store.createNamedQuery(SecretVersion.DUE_FOR_DELETION, SecretVersion.class)
                .setParameter("now", clock.instant())
                .setMaxResults(200)
                .getResultList();
        DeletionHousekeeping.DueDeletions due = deletions.dueDeletions(secrets, versions);
        for (Secret secret : due.secrets()) {
            store.lock(secret, LockModeType.PESSIMISTIC_WRITE);
            deletions.completeDeletion(secret, SecretDirectory.versionsOf(store, secret.id()));
            names.release(secret);
        }
        for (SecretVersion version : due.versions()) {
            if (!version.isDeleted() && version.isDueForDeletion(clock.instant())) {
                deletions.completeVersionDeletion(version);
            }
        }
        return due.secrets().size() + due.versions().size();
    }

    /** Vaults whose deletion is due, with their keys and secrets. @return how many vaults were deleted */
    public int deleteDueVaults() {
        EntityManager base = router.base();
        List<Vault> due = base.createQuery(
                        "SELECT v FROM Vault v WHERE v.lifecycleState = :pending" + " AND v.timeOfDeletion <= :now",
                        Vault.class)
                .setParameter("pending", VaultState.PENDING_DELETION.name())
                .setParameter("now", clock.instant())
                .setMaxResults(50)
                .getResultList();
        for (Vault vault : due) {
            base.lock(vault, LockModeType.PESSIMISTIC_WRITE);
            if (!vault.deletionDue(clock.instant())) {
                continue;
            }
            // The shard's part commits first, on its own: a crash before the vault is marked repeats it next pass.
            contents.delete(vault.store(), vault.id()).forEach(names::release);
            vault.markDeleted();
        }
        return due.size();
    }
}
