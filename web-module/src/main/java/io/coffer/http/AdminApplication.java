package io.coffer.http;

import io.coffer.clock.boundary.ClockResource;
import io.coffer.identity.boundary.ApiKeyResource;
import io.coffer.identity.boundary.OperatorOnly;
import io.coffer.identity.boundary.SignatureAuthenticationFilter;
import io.coffer.identity.boundary.TenancyResource;
import io.coffer.probe.boundary.ProbeResource;
import io.coffer.replication.boundary.ReplicationResource;
import io.coffer.shard.boundary.MigrationResource;
import io.coffer.shard.boundary.ShardResource;
import io.coffer.shard.boundary.VaultShardResource;
import io.coffer.throttling.boundary.ServiceLimitsResource;
import io.coffer.throttling.boundary.TenancyLimitsResource;
import io.coffer.throttling.boundary.TrafficResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The admin API under {@code /admin}: operators only (anyone else is told there is nothing here). Every failure here
 * answers with {@code application/problem+json}.
 */
@ApplicationPath("/admin")
public class AdminApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                TenancyResource.class,
                ApiKeyResource.class,
                TenancyLimitsResource.class,
                ServiceLimitsResource.class,
                TrafficResource.class,
                ClockResource.class,
                ProbeResource.class,
                ShardResource.class,
                MigrationResource.class,
                VaultShardResource.class,
                ReplicationResource.class,
                RequestIds.class,
                RequestBodies.class,
                SignatureAuthenticationFilter.class,
                OperatorOnly.class,
                AdminErrorMapper.class);
    }
}
