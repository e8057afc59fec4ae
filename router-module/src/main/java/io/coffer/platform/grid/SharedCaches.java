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

    private final Map<String, Cache<String, Long>> caches = new ConcurrentHashMap<>();
    private volatile CacheManager manager;
    private volatile boolean reportedMissing;

    /**
     * A shared cache of {@code String} to {@code Long} whose entries expire once not written for {@code lifetime}, or
     * empty when this host has no data grid.
     */
    public Optional<Cache<String, Long>> longs(String name, Duration lifetime) {
        Cache<String, Long> known = caches.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        CacheManager cacheManager = manager();
        if (cacheManager == null) {
            return Optional.empty();
        }
        synchronized (caches) {
            return Optional.of(caches.computeIfAbsent(name, missing -> open(cacheManager, name, lifetime)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, Long> open(CacheManager cacheManager, String name, Duration lifetime) {
        Cache<String, Long> cache = cacheManager.getCache(name);
        if (cache != null) {
            return cache;
        }
        MutableConfiguration<String, Long> configuration = new MutableConfiguration<String, Long>()
                .setStoreByValue(true)
                .setStatisticsEnabled(false)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, Math.max(1, lifetime.toSeconds()))));
        try {
            return cacheManager.createCache(name, configuration);
        } catch (CacheException createdMeanwhile) {
            // another host created it between the two calls
            Cache<String, Long> existing = cacheManager.getCache(name);
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
