package io.coffer.identity.boundary;

import io.coffer.identity.control.PublicKeys;
import io.coffer.identity.entity.ApiKey;
import io.coffer.identity.entity.Role;
import io.coffer.identity.entity.User;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.control.ShardRouter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;

/**
 * The operator's management of a user's API keys: list them, add one (to rotate a key: add the new, then delete the
 * old), delete one. A deleted key's row is removed (and the removal replicated); the caller then tells every host
 * ({@code ApiKeyRevocations}) once this transaction has committed.
 */
@Stateless
public class ApiKeyService {

    /** At most this many keys per user, as OCI allows. */
    static final int MOST_KEYS = 3;

    @Inject
    ShardRouter router;

    @Inject
    Clock clock;

    public List<ApiKey> list(String tenancyId, String userId) {
        EntityManager base = router.base();
        userOf(base, tenancyId, userId);
        return keys(base, userId);
    }

    public ApiKey add(String tenancyId, String userId, String publicKeyPem) {
        EntityManager base = router.base();
        User user = changeable(userOf(base, tenancyId, userId));
        RSAPublicKey key = PublicKeys.parse(publicKeyPem);
        String fingerprint = PublicKeys.fingerprint(key);
        if (base.find(ApiKey.class, ApiKey.idOf(userId, fingerprint)) != null) {
            throw new CofferException(ErrorCode.CONFLICT, "the user already has the key " + fingerprint);
        }
        if (keys(base, userId).size() >= MOST_KEYS) {
            throw new CofferException(
                    ErrorCode.LIMIT_EXCEEDED, "a user has at most " + MOST_KEYS + " API keys; delete one first");
        }
        ApiKey added = new ApiKey(user, fingerprint, PublicKeys.pem(key), clock.instant());
        base.persist(added);
        base.flush();
        return added;
    }

    /** Deletes the key; answers its id, for the caller to revoke everywhere after commit. */
    public String delete(String tenancyId, String userId, String fingerprint) {
        EntityManager base = router.base();
        changeable(userOf(base, tenancyId, userId));
        String id = ApiKey.idOf(userId, fingerprint);
        ApiKey key = base.find(ApiKey.class, id);
        if (key == null) {
            throw CofferException.notFound("API key " + fingerprint);
        }
        base.remove(key);
        base.flush();
        return id;
    }

    private static User changeable(User user) {
        if (user.role() == Role.OPERATOR) {
            throw new CofferException(
                    ErrorCode.INCORRECT_STATE,
                    "the operator's key comes from its credential files on the hosts and is not managed here");
        }
        return user;
    }

    private static User userOf(EntityManager base, String tenancyId, String userId) {
        User user = userId == null ? null : base.find(User.class, userId);
        if (user == null || !user.tenancyId().equals(tenancyId)) {
            throw CofferException.notFound("user " + userId + " of tenancy " + tenancyId);
        }
        return user;
    }

    private static List<ApiKey> keys(EntityManager base, String userId) {
        return base.createQuery("SELECT k FROM ApiKey k WHERE k.userId = :user ORDER BY k.timeCreated", ApiKey.class)
                .setParameter("user", userId)
                .setMaxResults(100)
                .getResultList();
    }
}
