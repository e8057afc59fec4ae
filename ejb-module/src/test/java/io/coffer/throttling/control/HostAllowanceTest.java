package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.throttling.control.HostAllowance.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HostAllowanceTest {

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final LocalBuckets shared = new LocalBuckets(clock);
    private final List<Integer> asked = new ArrayList<>();

    private Admission acquire(HostAllowance allowance, Rate rate) {
        return allowance.acquire(clock.millis() * 1000, rate, wanted -> {
            asked.add(wanted);
            return shared.take("bucket", rate, wanted);
        });
    }

    @Test
    void requestsRacingForSmallBatchesAreNeverRefusedWhileTheSharedBucketHasTokens() throws Exception {
        // Far more tokens than the threads take: every refusal would be a false one, made because other threads
        // emptied each batch this one waited for.
        Rate rate = new Rate(1_000_000, 2);
        long now = clock.millis() * 1000;
        HostAllowance allowance = new HostAllowance();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException stop) {
                    return;
                }
                for (int i = 0; i < 2_000; i++) {
                    Admission admission = allowance.acquire(now, rate, wanted -> {
                        Thread.yield(); // a refill takes a while: a grid round trip
                        synchronized (shared) {
                            return shared.take("bucket", rate, wanted);
                        }
                    });
                    if (!admission.admitted()) {
                        refused.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }

        assertThat(refused.get()).isZero();
    }

    @Test
    void batchesGrowWhileDemandLastsSoMostRequestsCostNoSharedRoundTrip() {
        Rate rate = new Rate(1_000, 1);
        HostAllowance allowance = new HostAllowance();
        for (int i = 0; i < 500; i++) {
            assertThat(acquire(allowance, rate).admitted()).isTrue();
        }
        assertThat(asked).startsWith(1, 2, 4, 8, 16, 32, 64, 100, 100);
        assertThat(asked.size()).isLessThan(15);
    }

    @Test
    void anExpiredBatchIsDroppedAndTheNextIsSizedToWhatWasUsed() {
        Rate rate = new Rate(1_000, 1);
        HostAllowance allowance = new HostAllowance();
        for (int i = 0; i < 6; i++) {
            acquire(allowance, rate);
        }
        assertThat(asked).containsExactly(1, 2, 4);
        clock.advance(1_001);
        acquire(allowance, rate);
        // the batch of 4 had 3 used when it expired
        assertThat(asked).containsExactly(1, 2, 4, 3);
    }

    @Test
    void anEmptySharedBucketIsNotAskedAgainBeforeTheNextTokenIsDue() {
        Rate rate = new Rate(20, 1);
        HostAllowance allowance = new HostAllowance();
        int admitted = 0;
        for (int i = 0; i < 40; i++) {
            if (acquire(allowance, rate).admitted()) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(20);
        int askedWhenEmpty = asked.size();
        Admission refused = acquire(allowance, rate);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.waitMicros()).isPositive().isLessThanOrEqualTo(50_000);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(asked).hasSize(askedWhenEmpty);
        clock.advance(50);
        assertThat(acquire(allowance, rate).admitted()).isTrue();
    }

    @Test
    void threeHostsSharingOneBucketAdmitTheRateInTotal() {
        Rate rate = new Rate(20, 1);
        List<HostAllowance> hosts = List.of(new HostAllowance(), new HostAllowance(), new HostAllowance());
        int admitted = 0;
        // 200 requests a second, round robin over the hosts, for 10 seconds
        for (int tick = 0; tick < 2_000; tick++) {
            if (acquire(hosts.get(tick % 3), rate).admitted()) {
                admitted++;
            }
            clock.advance(5);
        }
        assertThat(admitted).isBetween(200, 225);
    }

    @Test
    void whileARefillIsUnderWayAnOverLimitTenancysRequestsAreRefusedWithoutWaiting() throws Exception {
        Rate rate = new Rate(1, 1);
        HostAllowance allowance = new HostAllowance();
        assertThat(acquire(allowance, rate).admitted()).isTrue();
        assertThat(acquire(allowance, rate).admitted()).isFalse();
        clock.advance(1_000);
        CountDownLatch inRefill = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Admission> slow = new AtomicReference<>();
        Thread refiller = new Thread(() -> slow.set(allowance.acquire(clock.millis() * 1000, rate, wanted -> {
            inRefill.countDown();
            try {
                release.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return shared.take("bucket", rate, wanted);
        })));
        refiller.start();
        inRefill.await();
        Admission meanwhile = acquire(allowance, rate);
        assertThat(meanwhile.admitted()).isFalse();
        assertThat(meanwhile.retryAfterSeconds()).isEqualTo(1);
        release.countDown();
        refiller.join();
        assertThat(slow.get().admitted()).isTrue();
    }

    @Test
    void whileARefillIsUnderWayATenancyWithinItsLimitWaitsForItAndIsAdmitted() throws Exception {
        Rate rate = new Rate(100, 1);
        HostAllowance allowance = new HostAllowance();
        assertThat(acquire(allowance, rate).admitted()).isTrue();
        CountDownLatch inRefill = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread refiller = new Thread(() -> allowance.acquire(clock.millis() * 1000, rate, wanted -> {
            inRefill.countDown();
            try {
                release.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return shared.take("bucket", rate, wanted);
        }));
        refiller.start();
        inRefill.await();
        AtomicReference<Admission> waiter = new AtomicReference<>();
        Thread waiting = new Thread(() -> waiter.set(acquire(allowance, rate)));
        waiting.start();
        release.countDown();
        refiller.join();
        waiting.join();
        assertThat(waiter.get().admitted()).isTrue();
    }
}
