package io.coffer.shard.control;

import io.coffer.routing.control.StoreDataSources;
import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each remote store lives ({@code 127.0.0.1:1527/coffer-shard-0}), as its connection pool reaches it: asked of
 * the store once, then remembered (a pool's address does not change while the application runs).
 */
@ApplicationScoped
public class StoreAddresses {

    private static final String CLIENT_PREFIX = "jdbc:derby://";
    private static final String EMBEDDED_PREFIX = "jdbc:derby:";

    @Inject
    StoreDataSources dataSources;

    private final Map<StoreId, String> known = new ConcurrentHashMap<>();

    /** @return empty while the store cannot be reached and its address is not known yet */
    public Optional<String> of(StoreId store) {
        String address = known.get(store);
        if (address != null) {
            return Optional.of(address);
        }
        try (Connection connection = dataSources.remote(store).getConnection()) {
            address = fromUrl(connection.getMetaData().getURL());
            known.put(store, address);
            return Optional.of(address);
        } catch (SQLException unreachable) {
            return Optional.empty();
        }
    }

    /** {@code jdbc:derby://127.0.0.1:1527/coffer-base;create=true} becomes {@code 127.0.0.1:1527/coffer-base}. */
    static String fromUrl(String url) {
        String address = url;
        if (address.startsWith(CLIENT_PREFIX)) {
            address = address.substring(CLIENT_PREFIX.length());
        } else if (address.startsWith(EMBEDDED_PREFIX)) {
            address = address.substring(EMBEDDED_PREFIX.length());
        }
        int attributes = address.indexOf(';');
        return attributes < 0 ? address : address.substring(0, attributes);
    }
}
