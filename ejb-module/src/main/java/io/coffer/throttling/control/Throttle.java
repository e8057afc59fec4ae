package io.coffer.throttling.control;

import io.coffer.platform.grid.BoundedGridCalls;
import io.coffer.platform.grid.SharedCaches;
import io.coffer.platform.time.RealTime;
import io.coffer.throttling.entity.OperationClass;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * This host's throttle: a {@link RequestThrottle} over the data grid's buckets, falling back to buckets of its own
 * when the grid does not answer in time ({@link FailOpenBuckets}). The limits come from {@code LimitsFollower}.
 */
@ApplicationScoped
public class Throttle {

    /** The grid's cache of bucket TATs; an entry not written for an hour is a full bucket anyway. */
    static final String BUCKETS = "coffer-throttle-buckets";

    static final Duration BUCKET_LIFETIME = Duration.ofHours(1);
    /**
     * How long a request waits for the grid before this host throttles by itself. A second: a grid that is only slow
     * (members short of CPU under load) still answers, and a hung one costs a tenancy's requests at most this once
     * per {@link #COOL_DOWN}.
     */
    static final Duration PATIENCE = Duration.ofSeconds(1);
    /** How long a host throttles by itself after the grid failed it, before it asks the grid again. */
    static final Duration COOL_DOWN = Duration.ofSeconds(5);
    /** Threads that talk to the grid: one refill per bucket at a time, so a few are plenty. */
    static final int GRID_THREADS = 4;

    @Inject
    @RealTime
    Clock clock;

    @Inject
    SharedCaches caches;

    @Inject
    ThrottleMetrics metrics;

    @Inject
    ClusterTraffic traffic;

    @Resource
    ManagedThreadFactory threads;

    /** On the grid calls' own threads: no queue behind other work, no per-task context set-up. */
    private BoundedGridCalls gridCalls;

    private RequestThrottle throttle;
    private FailOpenBuckets buckets;
    private volatile GridBuckets grid;

    @PostConstruct
    void start() {
        gridCalls = new BoundedGridCalls(Executors.newFixedThreadPool(GRID_THREADS, threads), PATIENCE);
        buckets = new FailOpenBuckets(
                this::grid,
                new LocalBuckets(clock),
                traffic::hostsLastSeen,
                gridCalls,
                clock,
                COOL_DOWN,
                metrics::gridFailed);
        throttle = new RequestThrottle(
                buckets,
                clock,
                new RequestThrottle.Outcomes() {
                    @Override
                    public void admitted(String tenancyId, OperationClass operation) {
                        metrics.admitted(tenancyId, operation);
                    }

                    @Override
                    public void throttled(String tenancyId, OperationClass operation, boolean byServiceLimit) {
                        metrics.throttled(tenancyId, operation, byServiceLimit);
                    }
                },
                LimitsSnapshot.BUILT_IN);
    }

    @PreDestroy
    void stop() {
        gridCalls.close();
    }

    /** Opens the grid's cache and reads it once, so the first request does not pay for the cache's creation. */
    void warm() {
        SharedBuckets shared = grid();
        if (shared instanceof GridBuckets gridBuckets) {
            gridBuckets.touch();
        }
    }

    public RequestThrottle.Decision admit(String tenancyId, OperationClass operation) {
        return throttle.admit(tenancyId, operation);
    }

    /** See {@link RequestThrottle#refusedEarly}. */
    public Optional<RequestThrottle.Decision> refusedEarly(String tenancyId, OperationClass operation) {
        return throttle.refusedEarly(tenancyId, operation);
    }

    /** The limits this host enforces now. */
    public LimitsSnapshot limits() {
        return throttle.limits();
    }

    /** Whether this host throttles by itself now (no grid, or the grid failed it lately). */
    public boolean hostLocal() {
        return buckets.local();
    }

    void follow(LimitsSnapshot limits) {
        throttle.follow(limits);
    }

    private SharedBuckets grid() {
        GridBuckets known = grid;
        if (known == null) {
            known = caches.longs(BUCKETS, BUCKET_LIFETIME)
                    .map(cache -> new GridBuckets(cache, clock))
                    .orElse(null);
            grid = known;
        }
        return known;
    }
}
