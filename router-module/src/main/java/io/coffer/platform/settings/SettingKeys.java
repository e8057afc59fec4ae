package io.coffer.platform.settings;

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
    /**
     * The shards this instance's cell serves, comma-separated (default: every shard of {@link #SHARDS}): their local
     * replicas live on this instance and their data-plane reads are served here; requests for the others are forwarded
     * to a host of the owning cell.
     */
    public static final String SERVED_SHARDS = "coffer.served-shards";
    /** This instance's cell-internal listener, e.g. {@code https://127.0.0.1:8043}: where other cells forward to. */
    public static final String CELL_URL = "coffer.cell-url";
    /** Where Coffer keeps its own files (operator credentials, root key). */
    public static final String HOME = "coffer.home";
    /** The base URL clients use to reach this instance, e.g. {@code http://127.0.0.1:8080}. */
    public static final String PUBLIC_URL = "coffer.public-url";
    /** How many pending events one publisher run moves to the log and the topic. */
    public static final String PUBLISHER_BATCH = "coffer.replication.publisher-batch";
    /** Milliseconds between two publisher runs when nothing wakes it earlier. */
    public static final String PUBLISHER_INTERVAL_MS = "coffer.replication.publisher-interval-ms";

    /** Where the root key lives: {@code keystore} (a PKCS#12 file, the default) or {@code pkcs11} (an HSM). */
    public static final String ROOT_KEY_PROVIDER = "coffer.rootkey.provider";
    /** The PKCS#12 keystore holding the root key; default {@code <coffer.home>/keys/root.p12}. */
    public static final String ROOT_KEY_KEYSTORE = "coffer.rootkey.keystore";
    /** A file holding the keystore's password; default {@code <coffer.home>/keys/root.pass}, made on first use. */
    public static final String ROOT_KEY_KEYSTORE_PASSWORD_FILE = "coffer.rootkey.keystore-password-file";
    /** The PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}. */
    public static final String ROOT_KEY_PKCS11_LIBRARY = "coffer.rootkey.pkcs11.library";
    /** Which slot of the PKCS#11 module holds the root key's token: its index among the slots with a token (default 0). */
    public static final String ROOT_KEY_PKCS11_SLOT_INDEX = "coffer.rootkey.pkcs11.slot-list-index";
    /** A file holding the PKCS#11 user PIN. */
    public static final String ROOT_KEY_PKCS11_PIN_FILE = "coffer.rootkey.pkcs11.pin-file";
    /** The label of the root key object on the token; default {@code coffer-root}. */
    public static final String ROOT_KEY_PKCS11_KEY_LABEL = "coffer.rootkey.pkcs11.key-label";

    /**
     * Milliseconds one {@code /health} check waits for its dependency's answer (default 3000); past it the check is
     * DOWN. The waits inside a request have deadlines of their own, set on the server's resources by server-config.
     */
    public static final String HEALTH_CHECK_TIMEOUT_MS = "coffer.health.check-timeout-ms";

    /** Whether the business clock may be moved forward through the admin API: test installs only. */
    public static final String CLOCK_ADJUSTABLE = "coffer.clock.adjustable";

    /**
     * Percent of data-plane reads whose replicated rows the live verifier compares, this host's replica against the
     * remote store, off the request path (default 1; 0 switches it off; at most 100).
     */
    public static final String LIVE_VERIFIER_SAMPLE_PERCENT = "coffer.migration.live-verifier.sample-percent";
    /**
     * Minutes without a live-verifier discrepancy (reported by any host) before a store may leave VERIFY for
     * SWITCHED_OVER unforced (default 10).
     */
    public static final String LIVE_VERIFIER_QUIET_MINUTES = "coffer.migration.live-verifier.quiet-minutes";

    /**
     * Minutes a replication log entry is kept after every live host has applied it (default 1440, a day); older ones
     * are pruned. A host that comes back after its entries were pruned rebuilds its replica from the remote store.
     */
    public static final String LOG_RETENTION_MINUTES = "coffer.replication.log-retention-minutes";

    private SettingKeys() {}
}
