package io.coffer.health.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedProbeTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void release() {
        never.countDown();
        executor.shutdownNow();
    }

    @Test
    void aProbeThatAnswersIsUp() {
        assertThat(BoundedProbe.start(() -> BoundedProbe.UP, Duration.ofSeconds(5), executor)
                        .result())
                .isEqualTo("UP");
    }

    @Test
    void aProbeThatFailsIsDownWithItsReason() {
        assertThat(BoundedProbe.start(
                                () -> {
                                    throw new SQLException("connection refused");
                                },
                                Duration.ofSeconds(5),
                                executor)
                        .result())
                .isEqualTo("DOWN: connection refused");
    }

    @Test
    void aProbeThatHangsIsDownWhenTheDeadlinePasses() {
        BoundedProbe hung = BoundedProbe.start(
                () -> {
                    never.await();
                    return BoundedProbe.UP;
                },
                Duration.ofMillis(200),
                executor);

        assertThat(hung.result()).isEqualTo("DOWN: no answer within 200 ms");
    }
}
