package io.coffer.routing.control;

import io.coffer.platform.grid.ChangeSignals;
import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This instance's copy of every store's settings (see {@code StoreSettings}), read once a second from the base store,
 * or from this host's replica of it when the base store cannot be reached, so that a remote-store outage does not
 * change how reads are served. A switch made on any instance is also announced through the data grid
 * ({@link ChangeSignals}), and every instance reads the settings again as soon as it sees the signal; the periodic
 * read is what still brings the switch within a second when the grid is down. A store with no settings yet reads
 * REMOTE and captures writes.
 */
@ApplicationScoped
public class StoreSettingsCache {

    /** The subject of the change signal every instance's follower watches. */
    public static final String SIGNAL = "store-settings";

    private static final Logger LOG = Logger.getLogger(StoreSettingsCache.class.getName());

    /** What a store with no settings row behaves like. */
    public record Settings(ReadAccessor reads, boolean captureEnabled, long version) {
        static final Settings DEFAULT = new Settings(ReadAccessor.REMOTE, true, -1);

        static Settings newer(Settings old, Settings fresh) {
            return fresh.version() >= old.version() ? fresh : old;
        }
    }

    @Inject
    ShardRouter router;

    @Inject
    StoreDataSources dataSources;

    @Inject
    ChangeSignals signals;

    private volatile Map<StoreId, Settings> current = Map.of();
    private volatile boolean remoteFailing;

    public ReadAccessor reads(StoreId store) {
        return current.getOrDefault(store, Settings.DEFAULT).reads();
    }

    public boolean captureEnabled(StoreId store) {
        return current.getOrDefault(store, Settings.DEFAULT).captureEnabled();
    }

    public Map<StoreId, Settings> all() {
        return current;
    }

    /**
     * Takes a change committed on this instance at once, without waiting for the next refresh, and tells the other
     * instances to read the settings again.
     */
    public void changed(StoreId store, ReadAccessor reads, boolean captureEnabled, long version) {
        synchronized (this) {
            Map<StoreId, Settings> next = new HashMap<>(current);
            next.merge(store, new Settings(reads, captureEnabled, version), Settings::newer);
            current = Map.copyOf(next);
        }
        signals.announce(SIGNAL);
    }

    /**
     * Reads the settings again; the shard feature's follower calls it every second and when another instance signals
     * a switch. One refresh at a time, so that two loads never interleave their merges.
     */
    public synchronized void refresh() {
        try {
            router.open(StoreId.BASE);
            current = newest(load(dataSources.remote(StoreId.BASE)));
            if (remoteFailing) {
                LOG.info("store settings are read from the base store again");
                remoteFailing = false;
            }
        } catch (RuntimeException | SQLException remoteDown) {
            if (!remoteFailing) {
                LOG.warning("the base store cannot be read (" + remoteDown.getMessage()
                        + "); store settings now follow this host's replica of it");
                remoteFailing = true;
            }
            try {
                router.openLocal();
                current = newest(load(dataSources.local()));
            } catch (RuntimeException | SQLException localToo) {
                // Keep the last known settings: reads go on being served as they were.
            }
        }
    }

    /**
     * Never steps back: a load that started before a switch committed here, or a replica that has not applied it yet,
     * must not undo a newer setting this instance already follows.
     */
    private Map<StoreId, Settings> newest(Map<StoreId, Settings> loaded) {
        Map<StoreId, Settings> next = new HashMap<>(current);
        loaded.forEach((store, fresh) -> next.merge(store, fresh, Settings::newer));
        return Map.copyOf(next);
    }

    private static Map<StoreId, Settings> load(DataSource dataSource) throws SQLException {
        Map<StoreId, Settings> loaded = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT STORE_NAME, READ_ACCESSOR, CAPTURE_ENABLED, VERSION FROM STORE_SETTINGS");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                loaded.put(
                        StoreId.of(rows.getString(1)),
                        new Settings(ReadAccessor.valueOf(rows.getString(2)), rows.getBoolean(3), rows.getLong(4)));
            }
        }
        return Map.copyOf(loaded);
    }
}
