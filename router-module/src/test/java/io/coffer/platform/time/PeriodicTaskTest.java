package io.coffer.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void stopWaitsForTheRunInProgressAndNoRunStartsAfterwards() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = PeriodicTask.start(
                executor,
                () -> {
                    runs.incrementAndGet();
                    inside.countDown();
                    sleep(300);
                    finished.set(true);
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        task.stop();

        assertThat(finished).isTrue();
        int afterStop = runs.get();
        sleep(100);
        assertThat(runs.get()).isEqualTo(afterStop);
        assertThat(task.isStopped()).isTrue();
    }

    @Test
    void aTaskCanStopItselfFromInsideItsRun() throws Exception {
        AtomicReference<PeriodicTask> self = new AtomicReference<>();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        self.set(PeriodicTask.start(
                executor,
                () -> {
                    runs.incrementAndGet();
                    while (self.get() == null) {
                        Thread.onSpinWait();
                    }
                    self.get().stop();
                    stopped.countDown();
                },
                20,
                10,
                TimeUnit.MILLISECONDS));
        assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
        sleep(100);
        assertThat(runs.get()).isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
