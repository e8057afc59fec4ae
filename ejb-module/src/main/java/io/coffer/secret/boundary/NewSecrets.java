package io.coffer.secret.boundary;

import io.coffer.key.entity.MasterKey;
import io.coffer.platform.failpoint.Failpoints;
import io.coffer.platform.failure.ServiceUnavailableException;
import io.coffer.resource.control.Compartments;
import io.coffer.retry.control.RetryTokens;
import io.coffer.retry.entity.RetryToken;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceKind;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import io.coffer.secret.control.NameClaims;
import io.coffer.secret.control.SecretCreation;
import io.coffer.secret.control.SecretCrypto;
import io.coffer.secret.control.SecretDirectory;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.wire.CreateSecretDetails;
import io.coffer.vault.control.VaultDirectory;
import io.coffer.vault.entity.Vault;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CreateSecret, apart from the other secret operations ({@link SecretService}) because it alone writes two stores: the
 * secret's name and route on the base store, the secret on its shard, each in a transaction of its own (a transaction
 * writes one store, see {@code ShardRouter}).
 */
@Stateless
public class NewSecrets {

    @Inject
    ShardRouter router;

    @Inject
    VaultDirectory vaults;

    @Inject
    SecretDirectory secrets;

    @Inject
    SecretCreation creation;

    @Inject
    SecretCrypto crypto;

    @Inject
    RetryTokens retries;

    @EJB
    SecretNames names;

    @EJB
    SecretService secretService;

    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    /**
     * CreateSecret in transactions of one store each, one after the other and never nested: the new secret is made
     * from its shard's key and namesakes ({@link #prepareNew}, reads only); its name and route are taken on the base
     * store ({@link SecretNames#take}); then the secret and its first version are written on the shard with the retry
     * token ({@link #storeNew}). A failure of the last gives the name back; a crash before it leaves a name for a
     * secret that never came to be, which the next create of that name takes over (see {@code NameClaims}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SecretService.SecretWithMetadata create(String tenancyId, CreateSecretDetails details, RetryToken retry) {
        SecretCreation.Request request = creation.check(details);
        Compartments.requireOwn(tenancyId, request.compartmentId());
        Vault vault = vaults.visible(tenancyId, request.vaultId());
        Optional<String> previous = retries.previous(vault.store(), tenancyId, retry);
        if (previous.isPresent()) {
            return secretService.get(tenancyId, previous.get());
        }
        vault.requireActive();
        SecretCreation.NewSecret created = self().prepareNew(tenancyId, vault, request);
        Secret secret = created.secret();
        Instant named = clock.instant();
        names.take(
                secret,
                new ResourceRoute(secret.id(), ResourceKind.SECRET, tenancyId, vault.id(), vault.store(), named));
        Failpoints.reach(Failpoints.SECRET_CREATE_AFTER_NAME);
        try {
            self().storeNew(vault.store(), created, tenancyId, retry, named);
        } catch (RuntimeException failure) {
            // The commit's outcome may be unknown (a connection lost during it): give back only what the shard lacks.
            if (!onShard(vault.store(), secret.id())) {
                names.giveBack(secret);
            }
            throw failure;
        }
        return new SecretService.SecretWithMetadata(secret, request.metadata());
    }

    /** CreateSecret's first step: the new secret, sealed with its vault's key, checked against its namesakes. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SecretCreation.NewSecret prepareNew(String tenancyId, Vault vault, SecretCreation.Request request) {
        MasterKey key = secrets.key(tenancyId, vault.id(), request.keyId());
        List<Secret> namesakes = router.shard(vault.store())
                .createNamedQuery(Secret.BY_VAULT_AND_NAME, Secret.class)
                .setParameter("vaultId", vault.id())
                .setParameter("name", request.name())
                .getResultList();
        return creation.create(
                tenancyId,
                request,
                namesakes,
                crypto.sealer(secrets.keyVersion(vault.store(), key.currentVersionId())));
    }

    /** CreateSecret's last step, on the secret's shard: the secret, its first version and the retry token. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void storeNew(
            StoreId store, SecretCreation.NewSecret created, String tenancyId, RetryToken retry, Instant named) {
        EntityManager shard = router.shard(store);
        shard.persist(created.secret());
        shard.persist(created.firstVersion());
        shard.flush();
        retries.remember(store, tenancyId, retry, created.secret().id());
        // Checked after the statements, which started the store's transaction (and its 30 s timeout): past this,
        // another create may take the name over before this one commits, and there would be two of it.
        if (!NameClaims.mayStillWrite(named, clock.instant())) {
            throw new ServiceUnavailableException("the secret could not be created in time; retry");
        }
        Failpoints.reach(Failpoints.SECRET_CREATE_BEFORE_SHARD_COMMIT);
    }

    /** Whether the shard has the secret; when that cannot be read, yes (the name then stays, see NameClaims). */
    private boolean onShard(StoreId store, String secretId) {
        try {
            return router.readRemote(store, shard -> shard.find(Secret.class, secretId)) != null;
        } catch (RuntimeException unreadable) {
            return true;
        }
    }

    private NewSecrets self() {
        return context.getBusinessObject(NewSecrets.class);
    }
}
