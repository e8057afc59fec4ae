package io.coffer.settings;

/**
 * Every configuration key Coffer reads, in one place. Values come from MicroProfile Config: system properties set
 * by {@code server-config} on each instance, environment variables, or {@code microprofile-config.properties}.
 */
public final class SettingKeys {

    /** This app-server instance's name within the topology, e.g. {@code host-1}. Names its durable subscription. */
    public static final String INSTANCE = "coffer.instance";
    /** The data-plane cell this instance belongs to, e.g. {@code cell-0}. */
    public static final String CELL = "coffer.cell";
    /** The shards whose remote stores exist at start, comma-separated; each has a JDBC resource jdbc/coffer/&lt;shard&gt;. */
    public static final String SHARDS = "coffer.shards";
    /** Where Coffer keeps its own files (operator credentials, root key). */
    public static final String HOME = "coffer.home";
    /** The base URL clients use to reach this instance, e.g. {@code http://127.0.0.1:8080}. */
    public static final String PUBLIC_URL = "coffer.public-url";
    /** How many pending events one publisher run moves to the log and the topic. */
    public static final String PUBLISHER_BATCH = "coffer.replication.publisher-batch";
    /** Milliseconds between two publisher runs when nothing wakes it earlier. */
    public static final String PUBLISHER_INTERVAL_MS = "coffer.replication.publisher-interval-ms";

    private SettingKeys() {
    }
}
