package io.coffer.health.boundary;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.routing.control.Replication;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreDataSources;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the stores: the base store and this host's local store answer a query, and the local replica of every
 * remote store has caught up since this host started. Every shard store's answer is reported too, but a shard store
 * that is down does not take the host out of rotation: only its own vaults' requests need it, and they get 503
 * ServiceUnavailable within the store's deadline, while every other vault is served (see {@link #readyWith}). The base
 * store holds what every request needs (routing, names, API keys). A host that is still catching up
 * would answer local reads with 503, so it is not ready for traffic yet. The stores are probed at the same time, each
 * for at most {@link CofferSettings#healthCheckTimeout()}: a hung store is DOWN within that deadline.
 */
@ApplicationScoped
public class StoreHealthChecks {

    @Inject
    ShardRouter router;

    @Inject
    StoreDataSources dataSources;

    @Inject
    Replication replication;

    @Inject
    CofferSettings settings;

    @Inject
    ProbeExecutor executor;

    @Produces
    @Readiness
    HealthCheck remoteStores() {
        return () -> {
            var response = HealthCheckResponse.named("remote-stores");
            Map<StoreId, BoundedProbe> probes = new LinkedHashMap<>();
            for (StoreId store : router.remoteStores()) {
                probes.put(store, probe(() -> dataSources.remote(store)));
            }
            Map<StoreId, String> results = new LinkedHashMap<>();
            for (Map.Entry<StoreId, BoundedProbe> probe : probes.entrySet()) {
                String result = probe.getValue().result();
                results.put(probe.getKey(), result);
                response.withData(probe.getKey().name(), result);
            }
            return response.status(readyWith(results)).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck localStore() {
        return () -> {
            String result = probe(dataSources::local).result();
            return HealthCheckResponse.named("local-store")
                    .withData("local", result)
                    .status(result.equals(BoundedProbe.UP))
                    .build();
        };
    }

    @Produces
    @Readiness
    HealthCheck replicas() {
        return () -> {
            var response = HealthCheckResponse.named("replicas");
            boolean up = true;
            // the replicas this host keeps: another cell's shard has none here
            for (StoreId store : router.servedStores()) {
                boolean caughtUp = replication.caughtUp(store);
                response.withData(store.name(), caughtUp ? "CAUGHT_UP" : "CATCHING_UP");
                up &= caughtUp;
            }
            return response.status(up).build();
        };
    }

    /** Ready for traffic with these remote stores' answers: when the base store answers, whatever the shards say. */
    static boolean readyWith(Map<StoreId, String> results) {
        return BoundedProbe.UP.equals(results.get(StoreId.BASE));
    }

    private BoundedProbe probe(Supplier<DataSource> dataSource) {
        return BoundedProbe.start(() -> ping(dataSource), settings.healthCheckTimeout(), executor);
    }

    private static String ping(Supplier<DataSource> dataSource) throws SQLException {
        try (Connection connection = dataSource.get().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("VALUES 1")) {
            row.next();
            return BoundedProbe.UP;
        }
    }
}
