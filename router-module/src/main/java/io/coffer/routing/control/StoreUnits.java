package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The persistence units Coffer opens, and the properties each store's unit is opened with. The units are declared
 * once, as templates, in {@value #DESCRIPTOR} (not {@code persistence.xml}, so that the container does not open
 * them too); each store gets its own factory from the template with its own data source and session name.
 */
public final class StoreUnits {

    public static final String DESCRIPTOR = "META-INF/coffer-persistence.xml";
    public static final String BASE_UNIT = "coffer-base";
    public static final String SHARD_UNIT = "coffer-shard";
    public static final String LOCAL_UNIT = "coffer-local";
    public static final String LOCAL_RESOURCE = "jdbc/coffer/local";

    private StoreUnits() {}

    public static String unitOf(StoreId store) {
        return store.isBase() ? BASE_UNIT : SHARD_UNIT;
    }

    /**
     * @param deployment unique per deployment of the application: EclipseLink caches sessions by name across the
     *                   whole server, and a redeployed application must not get the previous one's session (and its
     *                   class loader) back
     */
    public static Map<String, Object> remote(StoreId store, String deployment) {
        return common(store.jdbcResource(), "coffer-remote-" + store.name() + "-" + deployment);
    }

    public static Map<String, Object> local(String deployment) {
        return common(LOCAL_RESOURCE, "coffer-local-" + deployment);
    }

    /**
     * A reader of a store for reads inside a transaction that writes another store: resource-local, on connections of
     * the store's pool that no transaction enlists, so that such a read never makes its store a party to the commit.
     * It creates no tables: the store's own unit does.
     */
    public static Map<String, Object> reader(DataSource outsideTransactions, String sessionName) {
        Map<String, Object> properties = common(null, sessionName);
        properties.remove("jakarta.persistence.jtaDataSource");
        properties.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        properties.put("jakarta.persistence.nonJtaDataSource", outsideTransactions);
        properties.put("eclipselink.target-server", "None");
        properties.put("eclipselink.ddl-generation", "none");
        return properties;
    }

    private static Map<String, Object> common(String jtaDataSource, String sessionName) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("eclipselink.persistencexml", DESCRIPTOR);
        properties.put("jakarta.persistence.transactionType", "JTA");
        properties.put("jakarta.persistence.jtaDataSource", jtaDataSource);
        properties.put("eclipselink.session-name", sessionName);
        properties.put("eclipselink.target-server", "Glassfish");
        properties.put("eclipselink.target-database", "Derby");
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.ddl-generation", "create-or-extend-tables");
        properties.put("eclipselink.ddl-generation.output-mode", "database");
        // Several instances write the same remote store: a shared cache would serve stale rows, and it would hide
        // the real cost of a store read from the benchmarks.
        properties.put("eclipselink.cache.shared.default", "false");
        properties.put("eclipselink.logging.level", "WARNING");
        // Bind values can be ciphertext or identifiers; they never go to the log.
        properties.put("eclipselink.logging.parameters", "false");
        return properties;
    }
}
