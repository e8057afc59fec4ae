package io.coffer.platform.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChangeSignalsTest {

    private final ChangeSignals signals = new ChangeSignals();
    /** Released only when the test ends: until then the hung grid never answers. */
    private final CountDownLatch gridAnswers = new CountDownLatch(1);

    @AfterEach
    void release() {
        gridAnswers.countDown();
        signals.stop();
    }

    @Test
    void anAnnounceMovesTheSubjectsCounter() {
        signals.caches = grid(answering(new ConcurrentHashMap<>()));
        assertThat(signals.generation("store-settings")).contains(0L);

        assertThat(signals.announce("store-settings")).isTrue();
        assertThat(signals.announce("store-settings")).isTrue();

        assertThat(signals.generation("store-settings")).contains(2L);
        assertThat(signals.generation("throttling-limits")).contains(0L);
    }

    @Test
    void whatTheChangeRecordsComesFirstAndWhenItCannotNothingMoves() {
        signals.caches = grid(answering(new ConcurrentHashMap<>()));

        assertThat(signals.announce("api-keys", () -> false, "otherwise")).isFalse();
        assertThat(signals.generation("api-keys")).contains(0L);

        assertThat(signals.announce("api-keys", () -> true, "otherwise")).isTrue();
        assertThat(signals.generation("api-keys")).contains(1L);
    }

    @Test
    void withoutAGridNothingIsAnnounced() {
        signals.caches = grid(null);

        assertThat(signals.announce("store-settings")).isFalse();
        assertThat(signals.generation("store-settings")).isEmpty();
    }

    @Test
    @Timeout(30) // fails, instead of hanging, if the caller waited for the grid
    void anAnnounceToAGridThatNeverAnswersReturnsAfterItsPatience() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        signals.caches = grid(hung(asked));

        assertThat(signals.announce("store-settings")).isFalse();
        assertThat(asked.await(10, TimeUnit.SECONDS)).as("the grid was asked").isTrue();
        assertThat(gridAnswers.getCount()).as("and has not answered").isEqualTo(1);
    }

    /** A grid whose change-signal cache is {@code cache}, or a host without a grid for {@code null}. */
    private static SharedCaches grid(Cache<String, Long> cache) {
        return new SharedCaches() {
            @Override
            public Optional<Cache<String, Long>> longs(String name, Duration lifetime) {
                return Optional.ofNullable(cache);
            }
        };
    }

    /** A cache over a map, enough for counters: get, putIfAbsent and a compare-and-set replace. */
    private static Cache<String, Long> answering(Map<String, Long> entries) {
        return cache((method, arguments) -> switch (method) {
            case "get" -> entries.get((String) arguments[0]);
            case "putIfAbsent" -> entries.putIfAbsent((String) arguments[0], (Long) arguments[1]) == null;
            case "replace" -> entries.replace((String) arguments[0], (Long) arguments[1], (Long) arguments[2]);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    /** A cache whose every call waits for an answer that does not come while the test runs. */
    private Cache<String, Long> hung(CountDownLatch asked) {
        return cache((method, arguments) -> {
            asked.countDown();
            gridAnswers.await();
            throw new IllegalStateException("the grid answered too late");
        });
    }

    private interface Calls {
        Object answer(String method, Object[] arguments) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, Long> cache(Calls calls) {
        return (Cache<String, Long>) Proxy.newProxyInstance(
                ChangeSignalsTest.class.getClassLoader(),
                new Class<?>[] {Cache.class},
                (self, method, arguments) -> calls.answer(method.getName(), arguments));
    }
}
