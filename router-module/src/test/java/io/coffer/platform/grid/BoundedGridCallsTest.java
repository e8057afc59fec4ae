package io.coffer.platform.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BoundedGridCallsTest {

    private static final Logger LOG = Logger.getLogger(BoundedGridCalls.class.getName());

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final BoundedGridCalls calls = new BoundedGridCalls(executor, Duration.ofMillis(100));
    /** Released only when the test ends: until then a call waiting on it never answers. */
    private final CountDownLatch gridAnswers = new CountDownLatch(1);

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        LOG.addHandler(handler);
    }

    @AfterEach
    void release() {
        LOG.removeHandler(handler);
        gridAnswers.countDown();
        executor.shutdownNow();
    }

    @Test
    void anAnswerInTimeIsTheCallersAnswer() {
        assertThat(calls.call(() -> true, "telling", "otherwise")).contains(true);
        assertThat(calls.call(() -> 42L, "telling", "otherwise")).contains(42L);
        assertThat(logged).isEmpty();
    }

    @Test
    @Timeout(30) // fails, instead of hanging, if the caller waited for the grid
    void aGridThatNeverAnswersIsGivenUpOnAfterThePatience() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);

        Optional<Boolean> told = calls.call(
                () -> {
                    asked.countDown();
                    return neverAnswers().get();
                },
                "telling",
                "otherwise");

        assertThat(told).isEmpty();
        assertThat(asked.await(10, TimeUnit.SECONDS)).as("the grid was asked").isTrue();
        assertThat(gridAnswers.getCount()).as("and has not answered").isEqualTo(1);
    }

    @Test
    void aFailingCallHasNoAnswerNeverAnException() {
        assertThat(calls.call(
                        () -> {
                            throw new IllegalStateException("member left");
                        },
                        "telling",
                        "otherwise"))
                .isEmpty();
    }

    @Test
    @Timeout(30) // fails, instead of hanging, if the caller waited for the grid
    void anOutageIsSaidOnceAndItsEndOnce() {
        calls.call(neverAnswers(), "telling the grid", "others read later");
        calls.call(
                () -> {
                    throw new IllegalStateException("member left");
                },
                "telling the grid",
                "others read later");
        calls.call(neverAnswers(), "telling the grid", "others read later");

        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getMessage())
                .contains("telling the grid", "no answer within 100 ms", "others read later");

        gridAnswers.countDown();
        calls.call(() -> true, "telling the grid", "others read later");
        calls.call(() -> true, "telling the grid", "others read later");

        assertThat(logged.stream().filter(record -> record.getLevel() == Level.INFO))
                .hasSize(1);

        calls.call(
                () -> {
                    throw new IllegalStateException("member left again");
                },
                "telling the grid",
                "others read later");

        assertThat(warnings()).hasSize(2);
    }

    @Test
    void closedACallHasNoAnswer() {
        calls.close();

        assertThat(calls.call(() -> true, "telling", "otherwise")).isEmpty();
    }

    private Supplier<Boolean> neverAnswers() {
        return () -> {
            try {
                gridAnswers.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return true;
        };
    }

    private List<LogRecord> warnings() {
        return logged.stream()
                .filter(record -> record.getLevel() == Level.WARNING)
                .toList();
    }
}
