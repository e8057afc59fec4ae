package io.coffer.platform.grid;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster-wide caches of the data grid, by name, created on first use by whichever host asks first. Found through
 * the cache manager Payara binds at {@value #CACHE_MANAGER}; a host where it is missing (the grid disabled) gets no
 * cache, and the caller falls back to something host-local.
 */
@ApplicationScoped
public class SharedCaches {

    static final String CACHE_MANAGER = "payara/CacheManager";
    private static final Logger LOG = Logger.getLogger(SharedCaches.class.getName());

    private final Map<String, Cache<String, ?>> caches = new ConcurrentHashMap<>();
    private volatile CacheManager manager;
    private volatile boolean reportedMissing;

    /**
     * A shared cache of {@code String} to {@code Long} whose entries expire once not written for {@code lifetime}, or
     * empty when this host has no data grid.
     */
    public Optional<Cache<String, Long>> longs(String name, Duration lifetime) {
        return cache(name, lifetime, Long.class);
    }

    /** A shared cache of {@code String} to {@code String}, as {@link #longs} is of {@code Long}. */
    public Optional<Cache<String, String>> texts(String name, Duration lifetime) {
        return cache(name, lifetime, String.class);
    }

    @SuppressWarnings("unchecked")
    private <V> Optional<Cache<String, V>> cache(String name, Duration lifetime, Class<V> values) {
        Cache<String, ?> known = caches.get(name);
        if (known != null) {
            return Optional.of((Cache<String, V>) known);
        }
        CacheManager cacheManager = manager();
        if (cacheManager == null) {
            return Optional.empty();
        }
        synchronized (caches) {
            return Optional.of((Cache<String, V>)
                    caches.computeIfAbsent(name, missing -> open(cacheManager, name, lifetime, values)));
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Cache<String, V> open(
            CacheManager cacheManager, String name, Duration lifetime, Class<V> values) {
        Cache<String, V> cache = cacheManager.getCache(name);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, V> configuration = new MutableConfiguration<String, V>()
                .setStoreByValue(true)
                .setStatisticsEnabled(false)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, Math.max(1, lifetime.toSeconds()))));
        try {
            return cacheManager.createCache(name, configuration);
        } catch (CacheException createdMeanwhile) {
            // another host created it between the two calls
            Cache<String, V> existing = cacheManager.getCache(name);
            if (existing == null) {
                throw createdMeanwhile;
            }
            return existing;
        }
    }

    private CacheManager manager() {
        CacheManager known = manager;
        if (known != null && !known.isClosed()) {
            return known;
        }
        try {
            known = (CacheManager) new InitialContext().lookup(CACHE_MANAGER);
            manager = known;
            return known;
        } catch (NamingException | RuntimeException missing) {
            if (!reportedMissing) {
                reportedMissing = true;
                LOG.warning("this host has no data grid (" + missing + "): shared caches are unavailable here");
            }
            return null;
        }
    }
}
