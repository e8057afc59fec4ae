package io.coffer.resource.boundary;

import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.entity.ResourceRoute;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A resource's route, written or taken back in a transaction of its own on the base store, apart from the caller's,
 * which writes the resource in its shard: a transaction writes one store (see {@code ShardRouter}). The route is
 * written first, so a resource is never in a shard without a route; a route whose resource never came to be answers
 * 404 like no route at all.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RouteWrites {

    @Inject
    ShardRouter router;

    public void add(ResourceRoute route) {
        EntityManager base = router.base();
        base.persist(route);
        base.flush();
    }

    /** Takes back the route of a resource whose write failed. */
    public void remove(String resourceId) {
        EntityManager base = router.base();
        ResourceRoute route = base.find(ResourceRoute.class, resourceId);
        if (route != null) {
            base.remove(route);
        }
    }
}
