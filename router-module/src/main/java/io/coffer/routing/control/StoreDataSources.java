package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The JTA data sources of the stores, for what works below JPA: replication's own tables, the store settings, health
 * checks. A connection taken inside a JTA transaction is enlisted in it. The data sources are server resources that
 * {@code server-config} creates on every instance; a remote store's is {@code jdbc/coffer/<store>}.
 */
@ApplicationScoped
public class StoreDataSources {

    @Inject
    ShardRouter router;

    /** A remote store's data source, base or shard; the store must be configured on this instance. */
    public DataSource remote(StoreId store) {
        if (!router.isKnown(store)) {
            throw new UnknownStoreException(store);
        }
        return lookup(store.jdbcResource());
    }

    /** A remote store's connections that no transaction enlists: reads beside a transaction that writes another. */
    public DataSource remoteOutsideTransactions(StoreId store) {
        if (!router.isKnown(store)) {
            throw new UnknownStoreException(store);
        }
        return new NonTransactionalDataSource(remote(store));
    }

    /** This instance's local store's connections that no transaction enlists. */
    public DataSource localOutsideTransactions() {
        return new NonTransactionalDataSource(local());
    }

    /** This instance's local store. */
    public DataSource local() {
        return lookup(StoreUnits.LOCAL_RESOURCE);
    }

    private static DataSource lookup(String jndiName) {
        try {
            return (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException missing) {
            throw new IllegalStateException("JDBC resource " + jndiName + " is not defined on this server", missing);
        }
    }
}
