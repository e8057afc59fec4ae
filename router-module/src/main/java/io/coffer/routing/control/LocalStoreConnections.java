package io.coffer.routing.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * Plain connections to this host's local store, for data-plane reads outside a transaction: not the XA pool that
 * JPA and replication use (no JTA enlistment, no pool wrapper per statement) but the embedded driver itself, on the
 * same database the XA pool opened, so both see the same rows. Connections are kept with their prepared statements
 * and reused, one thread at a time; one that failed is closed, not reused. Nothing of a read outlives it but the
 * connection and its statements: no rows, no results.
 */
@ApplicationScoped
public class LocalStoreConnections {

    /** Idle connections kept beyond this are closed when given back: more threads than that rarely read at once. */
    private static final int MAX_IDLE = 32;

    @Inject
    StoreDataSources dataSources;

    @Inject
    ShardRouter router;

    private final ConcurrentLinkedDeque<LocalConnection> idle = new ConcurrentLinkedDeque<>();
    private volatile String url;
    private volatile boolean closed;

    /** Runs {@code read} on a connection of its own (no other thread uses it meanwhile). */
    public <T> T read(Function<LocalRows, T> read) {
        LocalConnection connection = take();
        boolean reusable = false;
        try {
            T found = read.apply(connection);
            reusable = !connection.broken();
            return found;
        } finally {
            if (reusable) {
                giveBack(connection);
            } else {
                connection.close();
            }
        }
    }

    private LocalConnection take() {
        LocalConnection connection = idle.pollFirst();
        if (connection != null) {
            return connection;
        }
        try {
            Connection plain = DriverManager.getConnection(url());
            plain.setAutoCommit(true);
            plain.setReadOnly(true);
            return new LocalConnection(plain);
        } catch (SQLException failure) {
            throw new PersistenceException("cannot connect to the local store: " + failure.getMessage(), failure);
        }
    }

    private void giveBack(LocalConnection connection) {
        if (closed || idle.size() >= MAX_IDLE) {
            connection.close();
            return;
        }
        idle.offerFirst(connection);
        if (closed && idle.remove(connection)) {
            connection.close();
        }
    }

    /**
     * The embedded database's URL, as the local store's XA pool opened it (its path is the domain's, set by
     * server-config): asked once, after the local persistence unit has opened (and created the tables).
     */
    private String url() throws SQLException {
        String known = url;
        if (known == null) {
            router.openLocal();
            try (Connection pooled = dataSources.local().getConnection()) {
                known = pooled.getMetaData().getURL();
            }
            url = known;
        }
        return known;
    }

    @PreDestroy
    void closeAll() {
        closed = true;
        for (LocalConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            connection.close();
        }
    }
}
