package io.coffer.secret.boundary;

import io.coffer.platform.failure.ConflictException;
import io.coffer.platform.failure.ServiceUnavailableException;
import io.coffer.resource.control.UniqueRows;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.secret.control.NameClaims;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretLifecycleState;
import io.coffer.secret.entity.SecretNameRoute;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Optional;

/**
 * A secret's name in its vault and its route, taken and given back in transactions of their own on the base store,
 * apart from the secret's own, which writes its shard (a transaction writes one store). A create takes the name first
 * and the secret is written after; see {@link NameClaims} for a name left behind by a create that never finished.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class SecretNames {

    @Inject
    ShardRouter router;

    @Inject
    Clock clock;

    /** Takes the new secret's name in its vault, with its route; a name another secret stands for is a 409. */
    public void take(Secret secret, ResourceRoute route) {
        EntityManager base = router.base();
        SecretNameRoute taken = base.find(
                SecretNameRoute.class,
                SecretNameRoute.key(secret.vaultId(), secret.name()),
                LockModeType.PESSIMISTIC_WRITE);
        if (taken != null) {
            ResourceRoute holderRoute = base.find(ResourceRoute.class, taken.secretId());
            Optional<SecretLifecycleState> holder = Optional.ofNullable(holderRoute)
                    .map(found -> router.readRemote(found.store(), shard -> shard.find(Secret.class, taken.secretId())))
                    .map(Secret::lifecycleState);
            if (!NameClaims.mayTakeOver(
                    holder, holderRoute == null ? null : holderRoute.createdAt(), clock.instant())) {
                if (holder.isEmpty()) {
                    // A create of this name is under way, or its host died in the middle of it (a retry of that very
                    // request lands here): neither is known to exist, so retry rather than "already exists".
                    throw new ServiceUnavailableException("a create of the secret '" + secret.name() + "' in vault "
                            + secret.vaultId() + " is in progress or was interrupted; retry later");
                }
                throw new ConflictException(conflict(secret));
            }
            base.remove(taken);
            if (holder.isEmpty() && holderRoute != null) {
                base.remove(holderRoute);
            }
            base.flush();
        }
        // Two creates of a free name race on the name route's primary key: the loser gets the 409.
        UniqueRows.insert(
                base, conflict(secret), route, new SecretNameRoute(secret.vaultId(), secret.name(), secret.id()));
    }

    /** Gives back the name and the route of a secret whose write failed. */
    public void giveBack(Secret secret) {
        release(secret);
        EntityManager base = router.base();
        ResourceRoute route = base.find(ResourceRoute.class, secret.id());
        if (route != null) {
            base.remove(route);
        }
    }

    /** Frees a deleted secret's name; its route stays, so its OCID keeps answering (DELETED) instead of 404. */
    public void release(Secret secret) {
        EntityManager base = router.base();
        SecretNameRoute name = base.find(SecretNameRoute.class, SecretNameRoute.key(secret.vaultId(), secret.name()));
        if (name != null && name.secretId().equals(secret.id())) {
            base.remove(name);
        }
    }

    private static String conflict(Secret secret) {
        return "A secret named '" + secret.name() + "' already exists in vault " + secret.vaultId();
    }
}
