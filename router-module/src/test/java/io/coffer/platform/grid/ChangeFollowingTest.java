package io.coffer.platform.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeFollowingTest {

    private final AtomicReference<Optional<Long>> counter = new AtomicReference<>(Optional.of(0L));
    private final AtomicInteger refreshes = new AtomicInteger();
    private final ChangeFollowing following = ChangeFollowing.of(counter::get, refreshes::incrementAndGet);
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void aLookRefreshesOnlyWhenTheCounterMoved() {
        following.look();
        following.look();
        assertThat(refreshes).as("the first look only learns the counter").hasValue(0);

        counter.set(Optional.of(1L));
        following.look();
        following.look();

        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aLookWhileTheGridCannotBeReadRefreshesNothingAndLosesNoMove() {
        following.look();

        counter.set(Optional.empty());
        following.look();
        assertThat(refreshes).hasValue(0);

        counter.set(Optional.of(2L));
        following.look();
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void startedItLooksOnItsOwnAndRefreshesOnAMove() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch refreshed = new CountDownLatch(1);
        ChangeFollowing started = ChangeFollowing.of(
                        () -> {
                            looks.incrementAndGet();
                            return counter.get();
                        },
                        refreshed::countDown)
                .lookingEvery(Duration.ofMillis(5))
                .start(executor);
        try {
            awaitAtLeast(looks, 1);
            assertThat(refreshed.getCount()).as("no move, no refresh").isEqualTo(1);

            counter.set(Optional.of(1L));

            assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            started.stop();
        }
    }

    @Test
    void asAskedItAlsoRefreshesOnItsPeriodWithoutAnyMove() throws Exception {
        CountDownLatch refreshed = new CountDownLatch(3);
        ChangeFollowing started = ChangeFollowing.of(counter::get, refreshed::countDown)
                .readingEvery(Duration.ofMillis(5))
                .start(executor);
        try {
            assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            started.stop();
        }
    }

    @Test
    void stoppedNothingRunsAnyMore() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        ChangeFollowing started = ChangeFollowing.of(
                        () -> {
                            looks.incrementAndGet();
                            return Optional.of(0L);
                        },
                        refreshes::incrementAndGet)
                .lookingEvery(Duration.ofMillis(5))
                .readingEvery(Duration.ofMillis(5))
                .start(executor);
        awaitAtLeast(looks, 1);
        awaitAtLeast(refreshes, 1);

        started.stop();
        int looked = looks.get();
        int refreshed = refreshes.get();
        Thread.sleep(50); // ten periods: a run that was still scheduled would show

        assertThat(looks).hasValue(looked);
        assertThat(refreshes).hasValue(refreshed);
    }

    @Test
    void aFollowingNeverStartedHasNothingToStop() {
        ChangeFollowing.stopIfStarted(null);
        following.stop();

        assertThat(refreshes).hasValue(0);
    }

    private static void awaitAtLeast(AtomicInteger value, int wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.get() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(value.get()).isGreaterThanOrEqualTo(wanted);
    }
}
