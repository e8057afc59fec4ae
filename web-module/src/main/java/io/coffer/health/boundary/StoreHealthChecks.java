package io.coffer.health.boundary;

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
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the stores: every remote store (base and shards) and this host's local store answer a query, and the
 * local replica of every remote store has caught up since this host started. A host that is still catching up
 * would answer local reads with 503, so it is not ready for traffic yet.
 */
@ApplicationScoped
public class StoreHealthChecks {

    @Inject
    ShardRouter router;

    @Inject
    StoreDataSources dataSources;

    @Inject
    Replication replication;

    @Produces
    @Readiness
    HealthCheck remoteStores() {
        return () -> {
            var response = HealthCheckResponse.named("remote-stores");
            boolean up = true;
            for (StoreId store : router.remoteStores()) {
                String result = ping(() -> dataSources.remote(store));
                response.withData(store.name(), result);
                up &= result.equals("UP");
            }
            return response.status(up).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck localStore() {
        return () -> {
            String result = ping(dataSources::local);
            return HealthCheckResponse.named("local-store")
                    .withData("local", result)
                    .status(result.equals("UP"))
                    .build();
        };
    }

    @Produces
    @Readiness
    HealthCheck replicas() {
        return () -> {
            var response = HealthCheckResponse.named("replicas");
            boolean up = true;
            for (StoreId store : router.remoteStores()) {
                boolean caughtUp = replication.caughtUp(store);
                response.withData(store.name(), caughtUp ? "CAUGHT_UP" : "CATCHING_UP");
                up &= caughtUp;
            }
            return response.status(up).build();
        };
    }

    private static String ping(Supplier<DataSource> dataSource) {
        try (Connection connection = dataSource.get().getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            try (ResultSet row = statement.executeQuery("VALUES 1")) {
                row.next();
                return "UP";
            }
        } catch (SQLException | RuntimeException failure) {
            return "DOWN: " + failure.getMessage();
        }
    }
}
