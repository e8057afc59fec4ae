package io.coffer.replication.store;

import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreDataSources;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * JDBC connections to the stores, for replication's own tables: the store is opened first, so that its tables exist.
 * A connection taken inside a JTA transaction is enlisted in it.
 */
@ApplicationScoped
public class StoreConnections {

    @Inject
    ShardRouter router;

    @Inject
    StoreDataSources dataSources;

    /** A remote store, base or shard. */
    public Connection remote(StoreId store) throws SQLException {
        router.open(store);
        return dataSources.remote(store).getConnection();
    }

    /** A remote store's connection that no transaction enlists, for reads beside a transaction writing another store. */
    public Connection remoteOutsideTransactions(StoreId store) throws SQLException {
        router.open(store);
        return dataSources.remoteOutsideTransactions(store).getConnection();
    }

    /** The base store, where hosts report how far they have applied. */
    public Connection base() throws SQLException {
        return remote(StoreId.BASE);
    }

    /** This host's local store. */
    public Connection local() throws SQLException {
        router.openLocal();
        return dataSources.local().getConnection();
    }
}
