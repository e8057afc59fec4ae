package io.coffer.throttling.control;

import io.coffer.platform.grid.BoundedGridCalls;
import io.coffer.platform.grid.SharedCaches;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.time.PeriodicTask;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;

/**
 * The request counts of every host of the cluster, for the console's top tenancies: each host publishes its counters
 * ({@link TrafficCounts}) into the data grid every {@link #PUBLISH_EVERY}, one entry per host that expires once the
 * host stops publishing, and an operator's view adds every host's entry up. Without the grid, the view is this host's
 * own counts, and says so.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterTraffic {

    static final String CACHE = "coffer-traffic";
    static final Duration PUBLISH_EVERY = Duration.ofSeconds(2);
    /** A host's entry outlives a few missed publications, not a stopped host for long. */
    static final Duration LIFETIME = Duration.ofSeconds(10);
    /** How long a publication or an operator's view waits for the grid. */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    /** The counts of one host or of the whole cluster. */
    public record View(boolean cluster, List<String> hosts, List<TrafficCounts.Row> rows) {}

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ThrottleMetrics metrics;

    @Inject
    SharedCaches caches;

    @Inject
    CofferSettings settings;

    private BoundedGridCalls grid;
    private PeriodicTask publishing;
    private volatile int hostsLastSeen = 1;

    @PostConstruct
    void start() {
        grid = BoundedGridCalls.onServerThreads("coffer-traffic", 1, PATIENCE);
        long every = PUBLISH_EVERY.toMillis();
        publishing = PeriodicTask.start(executor, this::publish, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        PeriodicTask.stopIfStarted(publishing);
        grid.close();
    }

    void publish() {
        String counts = TrafficCounts.encode(metrics.rows());
        grid.call(
                () -> {
                    caches.texts(CACHE, LIFETIME).ifPresent(cache -> {
                        cache.put(settings.instance(), counts);
                        int hosts = 0;
                        for (var entries = cache.iterator(); entries.hasNext(); entries.next()) {
                            hosts++;
                        }
                        hostsLastSeen = Math.max(1, hosts);
                    });
                    return true;
                },
                "publishing this host's request counts in the data grid",
                "the console's top tenancies miss this host's requests");
    }

    /**
     * How many hosts published their counts in the grid, this one included, when this host last could publish: the
     * hosts that share the grid's limits (1 until then, and on a host without a grid).
     */
    public int hostsLastSeen() {
        return hostsLastSeen;
    }

    /** The cluster's counts when the grid answers; else this host's own. */
    public View view() {
        Optional<View> cluster = grid.call(
                () -> caches.texts(CACHE, LIFETIME).map(ClusterTraffic::sumOf).orElse(null),
                "reading every host's request counts from the data grid",
                "the console shows this host's requests alone");
        return cluster.filter(view -> !view.hosts().isEmpty())
                .orElseGet(() -> new View(
                        false,
                        List.of(settings.instance()),
                        TrafficCounts.sum(List.of(TrafficCounts.encode(metrics.rows())))));
    }

    private static View sumOf(Cache<String, String> cache) {
        List<String> hosts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Cache.Entry<String, String> entry : cache) {
            hosts.add(entry.getKey());
            texts.add(entry.getValue());
        }
        hosts.sort(null);
        return new View(true, hosts, TrafficCounts.sum(texts));
    }
}
