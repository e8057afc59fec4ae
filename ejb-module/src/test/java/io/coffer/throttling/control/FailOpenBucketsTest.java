package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.grid.BoundedGridCalls;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailOpenBucketsTest {

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger gridCalls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Rate rate = new Rate(5, 1);
    private int hostsSharing = 1;

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
    }

    /** Over {@code grid}, or over no grid at all when it is null. */
    private FailOpenBuckets over(SharedBuckets grid) {
        return new FailOpenBuckets(
                () -> grid,
                new LocalBuckets(clock),
                () -> hostsSharing,
                new BoundedGridCalls(executor, Duration.ofMillis(100)),
                clock,
                Duration.ofSeconds(10),
                failures::incrementAndGet);
    }

    @Test
    void aGridThatAnswersIsUsed() {
        LocalBuckets gridState = new LocalBuckets(clock);
        FailOpenBuckets buckets = over((key, rate, wanted) -> {
            gridCalls.incrementAndGet();
            return gridState.take(key, rate, wanted);
        });
        assertThat(buckets.take("k", rate, 5).granted()).isEqualTo(5);
        assertThat(buckets.take("k", rate, 1).refused()).isTrue();
        assertThat(gridCalls).hasValue(2);
        assertThat(failures).hasValue(0);
        assertThat(buckets.local()).isFalse();
    }

    @Test
    void aGridThatHangsIsLeftForTheCoolDownAndThisHostThrottlesAlone() {
        FailOpenBuckets buckets = over((key, rate, wanted) -> {
            gridCalls.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released");
        });
        // the local bucket still enforces the limit, at this host alone
        assertThat(buckets.take("k", rate, 5).granted()).isEqualTo(5);
        assertThat(buckets.take("k", rate, 1).refused()).isTrue();
        assertThat(gridCalls).hasValue(1);
        assertThat(failures).hasValue(1);
        assertThat(buckets.local()).isTrue();
        clock.advance(10_001);
        buckets.take("k", rate, 1);
        assertThat(gridCalls).hasValue(2);
    }

    @Test
    void aHostCutOffFromTheGridEnforcesItsShareOfTheLimit() {
        hostsSharing = 3;
        FailOpenBuckets buckets = over((key, rate, wanted) -> {
            throw new IllegalStateException("Hazelcast instance is not active");
        });
        Rate thirty = new Rate(30, 1);
        // a third of 30/s, so three hosts cut off at once admit about the limit in total
        assertThat(buckets.take("k", thirty, 30).granted()).isEqualTo(10);
        assertThat(buckets.take("k", thirty, 1).refused()).isTrue();
        clock.advance(100);
        assertThat(buckets.take("k", thirty, 30).granted()).isEqualTo(1);
        // never less than a token a second
        assertThat(buckets.take("other", new Rate(2, 1), 5).granted()).isEqualTo(1);
    }

    @Test
    void withoutAGridThisHostEnforcesTheWholeLimitWhateverItLastSaw() {
        hostsSharing = 3;
        FailOpenBuckets buckets = over(null);
        assertThat(buckets.take("k", new Rate(30, 1), 40).granted()).isEqualTo(30);
    }

    @Test
    void aGridThatFailsIsLeftToo() {
        FailOpenBuckets buckets = over((key, rate, wanted) -> {
            throw new IllegalStateException("Hazelcast instance is not active");
        });
        assertThat(buckets.take("k", rate, 2).granted()).isEqualTo(2);
        assertThat(failures).hasValue(1);
    }

    @Test
    void withoutAGridEveryBucketIsLocal() {
        FailOpenBuckets buckets = over(null);
        assertThat(buckets.take("k", rate, 9).granted()).isEqualTo(5);
        assertThat(buckets.local()).isTrue();
        assertThat(failures).hasValue(0);
    }
}
