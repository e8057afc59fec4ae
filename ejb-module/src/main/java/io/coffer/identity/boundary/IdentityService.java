package io.coffer.identity.boundary;

import io.coffer.identity.control.PublicKeys;
import io.coffer.identity.control.SignatureVerifier.KeyId;
import io.coffer.identity.entity.ApiKey;
import io.coffer.identity.entity.Caller;
import io.coffer.identity.entity.Role;
import io.coffer.identity.entity.Tenancy;
import io.coffer.identity.entity.User;
import io.coffer.platform.failure.ConflictException;
import io.coffer.resource.control.UniqueRows;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreRead;
import io.coffer.routing.control.StoreReads;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tenancies, users and keys: the lookups that authenticate a request (read like any data-plane read, so a host that
 * serves locally authenticates from its own replica), and the operator's creation of tenancies.
 */
@Stateless
public class IdentityService {

    @Inject
    StoreReads reads;

    @Inject
    ShardRouter router;

    @Inject
    Clock clock;

    /** A key of a user and whom it authenticates, if the key is registered, active and the tenancy matches. */
    public record KnownKey(PublicKey key, Caller caller, Instant created) {}

    /** What a new tenancy's administrator gets back. */
    public record NewTenancy(String id, String adminUserId, String fingerprint) {}

    /** Read without a transaction, like every data-plane read. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<KnownKey> key(KeyId keyId) {
        String id = ApiKey.idOf(keyId.userId(), keyId.fingerprint());
        return reads.read(StoreId.BASE, StoreRead.of("api-key", em -> {
            ApiKey key = em.find(ApiKey.class, id);
            if (key == null || !key.active() || !key.tenancyId().equals(keyId.tenancyId())) {
                return Optional.empty();
            }
            User user = em.find(User.class, key.userId());
            if (user == null) {
                return Optional.empty();
            }
            return Optional.of(new KnownKey(
                    PublicKeys.parse(key.publicKeyPem()),
                    new Caller(user.tenancyId(), user.id(), user.role()),
                    key.timeCreated()));
        }));
    }

    /** Every tenancy, oldest first (the operator's own included). */
    public List<Tenancy> tenancies() {
        return router.base()
                .createQuery("SELECT t FROM Tenancy t ORDER BY t.timeCreated, t.id", Tenancy.class)
                .setMaxResults(10_000)
                .getResultList();
    }

    /** A tenancy with one administrator holding the given key; names are unique. */
    public NewTenancy createTenancy(String name, String adminPublicKeyPem) {
        Tenancy.checkedName(name);
        RSAPublicKey key = PublicKeys.parse(adminPublicKeyPem);
        EntityManager base = router.base();
        boolean taken = !base.createQuery("SELECT t.id FROM Tenancy t WHERE t.name = :name", String.class)
                .setParameter("name", name)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new ConflictException("a tenancy named '" + name + "' already exists");
        }
        Tenancy tenancy = Tenancy.create(name, clock.instant());
        User admin = User.create(tenancy.id(), "admin", Role.TENANCY_ADMIN, clock.instant());
        String fingerprint = PublicKeys.fingerprint(key);
        // A concurrent request for the same name loses on the name's unique index.
        UniqueRows.insert(
                base,
                "a tenancy named '" + name + "' already exists",
                tenancy,
                admin,
                new ApiKey(admin, fingerprint, PublicKeys.pem(key), clock.instant()));
        return new NewTenancy(tenancy.id(), admin.id(), fingerprint);
    }

    /**
     * Registers the operator's identity (ids and key from the operator's files) if the base store does not have it:
     * the files are the source, so a base store that lost it gets it back.
     */
    public void registerOperator(String tenancyId, String userId, String publicKeyPem) {
        EntityManager base = router.base();
        if (base.find(Tenancy.class, tenancyId) == null) {
            base.persist(new Tenancy(tenancyId, "coffer-operator", clock.instant()));
        }
        User operator = base.find(User.class, userId);
        if (operator == null) {
            operator = new User(userId, tenancyId, "operator", Role.OPERATOR, clock.instant());
            base.persist(operator);
        }
        RSAPublicKey key = PublicKeys.parse(publicKeyPem);
        String fingerprint = PublicKeys.fingerprint(key);
        if (base.find(ApiKey.class, ApiKey.idOf(userId, fingerprint)) == null) {
            base.persist(new ApiKey(operator, fingerprint, PublicKeys.pem(key), clock.instant()));
        }
        base.flush();
    }
}
