package io.coffer.resource.control;

import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreRead;
import io.coffer.routing.control.StoreReads;
import io.coffer.routing.entity.ResourceRoute;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

/**
 * Finds resources' routes (which shard holds a vault or a secret) the way the data plane reads: through the base
 * store's read accessor, so from this host's replica once reads are local.
 */
@ApplicationScoped
public class ResourceRoutes {

    /** The plain-JDBC form on the local store: by primary key, every column (the entity's row constructor maps them). */
    static final String ROUTE_ROW = "SELECT * FROM RESOURCE_ROUTE WHERE RESOURCE_ID = ?";

    private static final Map<String, Object> READ_ONLY = Map.of(QueryHints.READ_ONLY, HintValues.TRUE);

    @Inject
    StoreReads reads;

    @Inject
    ShardRouter router;

    /** The route as this host's reads of the base store see it. */
    public Optional<ResourceRoute> find(String resourceId) {
        return reads.read(
                StoreId.BASE,
                StoreRead.of("route", em -> Optional.ofNullable(em.find(ResourceRoute.class, resourceId, READ_ONLY)))
                        .locallyByRows(rows -> rows.one(ROUTE_ROW, resourceId, ResourceRoute::new)));
    }

    /**
     * The route, also when this host's replica does not have it yet (written moments ago by a host of another cell):
     * a miss is asked of the base store itself.
     */
    public Optional<ResourceRoute> findEvenIfJustWritten(String resourceId) {
        return find(resourceId)
                .or(() -> Optional.ofNullable(router.readRemote(
                        StoreId.BASE, base -> base.find(ResourceRoute.class, resourceId, READ_ONLY))));
    }
}
