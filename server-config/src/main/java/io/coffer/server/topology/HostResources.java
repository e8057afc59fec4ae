package io.coffer.server.topology;

import io.coffer.server.pki.StorePasswords;
import io.coffer.server.topology.TopologyPlan.HostPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server resources that make a Payara domain a Coffer host: the ActiveMQ resource adapter with its connection pool
 * and topic, a JDBC pool per remote store on Derby's XA client data source, and the pool of the host's own local store.
 * The internal services' passwords are the domain's password aliases; domain.xml names only the aliases. Every wait on
 * the broker and the remote stores has a deadline ({@link Deadlines}): the remote stores' pools use
 * {@code io.coffer.server.derby.DeadlineClientXADataSource}, which bounds each reply of the Derby server.
 */
final class HostResources {

    private static final String DERBY_ALIAS = "coffer-derby-password";
    private static final String BROKER_ALIAS = "coffer-broker-password";
    /** By name: the class extends Derby's client, which is on the servers' class path and not on the CLI's. */
    static final String REMOTE_DATA_SOURCE = "io.coffer.server.derby.DeadlineClientXADataSource";
    /** Payara's validation by {@code Connection.isValid}: a round trip to the server, bounded by the read deadline. */
    static final String CONNECTION_VALIDATION = "org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation";
    /** A connection used within this many seconds is handed out without a new check. */
    static final int VALIDATE_AT_MOST_EVERY_SECONDS = 2;

    private final TopologyPlan plan;
    private final HostPlan host;
    private final Path domainDir;
    private final BuildArtifacts artifacts;
    private final Deadlines deadlines;

    HostResources(TopologyPlan plan, HostPlan host, BuildArtifacts artifacts, Deadlines deadlines) {
        this.plan = plan;
        this.host = host;
        this.domainDir = plan.domainsDir().resolve(host.name());
        this.artifacts = artifacts;
        this.deadlines = deadlines;
    }

    /** Stores (or updates) the install's passwords as the domain's password aliases. */
    void storePasswordAliases(Asadmin asadmin, int adminPort, InternalCredentials credentials) {
        String existing = asadmin.remote(adminPort, "list-password-aliases");
        storePasswordAlias(asadmin, adminPort, DERBY_ALIAS, credentials.derbyPassword(), existing);
        storePasswordAlias(asadmin, adminPort, BROKER_ALIAS, credentials.brokerPassword(), existing);
    }

    /** Stores (or updates) the passwords of the cell-internal listener's key and trust stores as password aliases. */
    void storeCellStoreAliases(Asadmin asadmin, int adminPort, StorePasswords passwords) {
        String existing = asadmin.remote(adminPort, "list-password-aliases");
        storePasswordAlias(asadmin, adminPort, DomainXml.CELL_KEY_STORE_ALIAS, passwords.cells(), existing);
        storePasswordAlias(asadmin, adminPort, DomainXml.TRUST_STORE_ALIAS, passwords.trust(), existing);
    }

    private static void storePasswordAlias(
            Asadmin asadmin, int adminPort, String alias, String password, String existing) {
        boolean present = existing.lines().anyMatch(line -> line.strip().equals(alias));
        asadmin.remoteWithPasswordFile(
                adminPort,
                "AS_ADMIN_ALIASPASSWORD=" + password,
                present ? "update-password-alias" : "create-password-alias",
                alias);
    }

    /**
     * The asadmin commands that give a domain Coffer's resources (run once, after its first start). Passwords are
     * references to password aliases, never the passwords themselves.
     */
    List<String> resourceCommands() {
        List<String> commands = new ArrayList<>();
        commands.add("create-resource-adapter-config --property ServerUrl="
                + escape(deadlines.brokerClientUrl(plan.brokerUrl()))
                + ":UserName=" + InternalCredentials.BROKER_USER + ":Password=" + escape(aliasReference(BROKER_ALIAS))
                + " activemq-rar");
        commands.add("deploy --type rar --name activemq-rar " + artifacts.activemqRar());
        commands.add(
                "create-connector-connection-pool --raname activemq-rar --connectiondefinition jakarta.jms.ConnectionFactory"
                        + " --transactionsupport XATransaction --ping=false --steadypoolsize 1 --maxpoolsize 32"
                        + " --maxwait " + deadlines.poolWaitMillis() + " jms/coffer/pool");
        commands.add("create-connector-resource --poolname jms/coffer/pool jms/coffer/ConnectionFactory");
        commands.add("create-admin-object --raname activemq-rar --restype jakarta.jms.Topic"
                + " --property PhysicalName=coffer.replication jms/coffer/replication");
        for (String store : remoteStores()) {
            commands.add("create-jdbc-connection-pool --datasourceclassname " + REMOTE_DATA_SOURCE
                    + " --restype javax.sql.XADataSource --steadypoolsize 2 --maxpoolsize 32 --failconnection=false"
                    + " --maxwait " + deadlines.poolWaitMillis()
                    + " --isconnectvalidatereq=true --validationmethod custom-validation --validationclassname "
                    + CONNECTION_VALIDATION + " --validateatmostonceperiod " + VALIDATE_AT_MOST_EVERY_SECONDS
                    + " --property serverName=127.0.0.1:portNumber="
                    + plan.storeServerOf(store).port()
                    + ":databaseName=coffer-" + store + ":createDatabase=create:user=" + InternalCredentials.DERBY_USER
                    + ":password=" + escape(aliasReference(DERBY_ALIAS))
                    + ":loginTimeout=" + deadlines.storeLoginSeconds() + ":readTimeout=" + deadlines.storeReadSeconds()
                    + " coffer-" + store);
            commands.add("create-jdbc-resource --connectionpoolid coffer-" + store + " jdbc/coffer/" + store);
        }
        commands.add("create-jdbc-connection-pool --datasourceclassname org.apache.derby.jdbc.EmbeddedXADataSource"
                + " --restype javax.sql.XADataSource --steadypoolsize 2 --maxpoolsize 64"
                + " --property databaseName="
                + escape(domainDir.resolve("coffer-local").toString())
                + ":createDatabase=create coffer-local");
        commands.add("create-jdbc-resource --connectionpoolid coffer-local jdbc/coffer/local");
        commands.add(backgroundThreadsCommand());
        return commands;
    }

    /**
     * Threads of the server's default managed scheduled executor, where every periodic task of Coffer runs: catch-up,
     * progress reports, pruning, housekeeping, the followers of revoked keys, store settings and limits. Payara's
     * default core size is 0, which a scheduled pool runs as one thread: a store that hung (its server frozen) held
     * every one of them up in turn, a revoked key's propagation too. Payara creates the resource at the domain's first
     * start, so it is set then, before Coffer is deployed; a domain made before gets it from {@link
     * DomainXml#applyBackgroundThreads} before its next start.
     */
    static final int BACKGROUND_THREADS = 8;

    static final String DEFAULT_SCHEDULED_EXECUTOR = "concurrent/__defaultManagedScheduledExecutorService";

    static String backgroundThreadsCommand() {
        return "set resources.managed-scheduled-executor-service." + DEFAULT_SCHEDULED_EXECUTOR + ".core-pool-size="
                + BACKGROUND_THREADS;
    }

    /** What {@link #resourceCommands} would have set about credentials, for a domain made before it did. */
    List<String> credentialCommands() {
        List<String> commands = new ArrayList<>();
        for (String store : remoteStores()) {
            String pool = "resources.jdbc-connection-pool.coffer-" + store + ".property.";
            commands.add("set " + pool + "user=" + InternalCredentials.DERBY_USER);
            commands.add("set " + pool + "password=" + aliasReference(DERBY_ALIAS));
        }
        String adapter = "resources.resource-adapter-config.activemq-rar.property.";
        commands.add("set " + adapter + "UserName=" + InternalCredentials.BROKER_USER);
        commands.add("set " + adapter + "Password=" + aliasReference(BROKER_ALIAS));
        return commands;
    }

    /** What {@link #resourceCommands} would have set about deadlines, for a domain made before (or with others). */
    List<String> deadlineCommands() {
        List<String> commands = new ArrayList<>();
        for (String store : remoteStores()) {
            String pool = "resources.jdbc-connection-pool.coffer-" + store + ".";
            commands.add("set " + pool + "datasource-classname=" + REMOTE_DATA_SOURCE);
            commands.add("set " + pool + "max-wait-time-in-millis=" + deadlines.poolWaitMillis());
            // One failed connection must not make the pool close and reopen all of them under its lock: with the
            // server frozen every reopening waits out the login deadline while every other request queues behind it.
            commands.add("set " + pool + "fail-all-connections=false");
            // A connection the freeze or the restart of the Derby server broke is found out before it is handed out,
            // so the first request after the server is back does not get a 503 for it (a round trip per connection at
            // most every few seconds).
            commands.add("set " + pool + "is-connection-validation-required=true");
            commands.add("set " + pool + "connection-validation-method=custom-validation");
            commands.add("set " + pool + "validation-classname=" + CONNECTION_VALIDATION);
            commands.add("set " + pool + "validate-atmost-once-period-in-seconds=" + VALIDATE_AT_MOST_EVERY_SECONDS);
            commands.add("set " + pool + "property.loginTimeout=" + deadlines.storeLoginSeconds());
            commands.add("set " + pool + "property.readTimeout=" + deadlines.storeReadSeconds());
        }
        commands.add("set resources.resource-adapter-config.activemq-rar.property.ServerUrl="
                + deadlines.brokerClientUrl(plan.brokerUrl()));
        commands.add("set resources.connector-connection-pool.jms/coffer/pool.max-wait-time-in-millis="
                + deadlines.poolWaitMillis());
        // Not a deadline, but what keeps one: a domain made with Payara's 5 request threads gets Coffer's number with
        // its deadlines (a new domain has it from its domain.xml).
        commands.add("set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size="
                + DomainXml.REQUEST_THREADS);
        // Nor this: the transaction manager's own name (a new domain has it from its domain.xml). Read at start only;
        // the domain's start before this change recovered under the old name, so nothing prepared under it is left.
        commands.add("set configs.config.server-config.transaction-service.property."
                + DomainXml.TRANSACTION_MANAGER_NAME + "=" + host.transactionManagerName());
        return commands;
    }

    private static String aliasReference(String alias) {
        return "${ALIAS=" + alias + "}";
    }

    private List<String> remoteStores() {
        return plan.remoteStores();
    }

    /** A property value for asadmin's {@code --property a=b:c=d}: colons escaped, and quoted for multimode's tokenizer. */
    static String escape(String value) {
        return "'" + value.replace(":", "\\:").replace("=", "\\=") + "'";
    }
}
