package io.coffer.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plain-JDBC form runs on the local store only and only outside a transaction (inside one, the query runs on the
 * transaction's entity manager), and whatever changes a read keeps every form.
 */
class StoreReadTest {

    private static final StoreRead<String> READ = StoreRead.of("secret-bundle", store -> Optional.of("query"));

    /** The unit of the entity manager a read runs on, and the local unit a plain-JDBC read names its rows by. */
    private static final EntityManagerFactory REMOTE_UNIT = proxy(EntityManagerFactory.class, null);

    private static final EntityManagerFactory LOCAL_UNIT = proxy(EntityManagerFactory.class, null);
    private static final EntityManager ENTITY_MANAGER = proxy(EntityManager.class, REMOTE_UNIT);

    @Test
    void theLocalStoreRunsThePlainJdbcFormOutsideATransaction() {
        StoreRead<String> read = READ.locallyByRows(rows -> Optional.of("local rows"));

        assertThat(read.runsByRowsLocally(() -> false)).isTrue();
        assertThat(read.runLocallyByRows(null)).contains("local rows");
    }

    @Test
    void insideATransactionTheLocalStoreRunsTheQueryOnItsEntityManager() {
        StoreRead<String> read = READ.locallyByRows(rows -> Optional.of("local rows"));

        assertThat(read.runsByRowsLocally(() -> true)).isFalse();
        assertThat(read.runOn((EntityManager) null)).contains("query");
    }

    @Test
    void withoutAPlainJdbcFormEveryStoreRunsTheQueryAndNoTransactionIsAskedAbout() {
        StoreRead<String> plain = StoreRead.of("route", store -> Optional.of("route"));

        assertThat(plain.runsByRowsLocally(() -> {
                    throw new AssertionError("no transaction to ask about without a plain-JDBC form");
                }))
                .isFalse();
        assertThat(plain.runOn(null)).contains("route");
    }

    @Test
    void theServabilityRuleAndTheSampleObserverKeepEveryForm() {
        List<String> observed = new ArrayList<>();
        List<EntityManagerFactory> units = new ArrayList<>();
        StoreRead<String> read = READ.locallyByRows(rows -> Optional.of("local rows"))
                .servableLocallyWhen("local rows"::equals)
                .observed(
                        (unit, found) -> {
                            units.add(unit);
                            observed.add(found);
                        },
                        () -> LOCAL_UNIT);

        assertThat(read.runOn(ENTITY_MANAGER)).contains("query");
        assertThat(read.runLocallyByRows(null)).contains("local rows");
        assertThat(observed).containsExactly("query", "local rows");
        assertThat(units).containsExactly(REMOTE_UNIT, LOCAL_UNIT);
        assertThat(read.runsByRowsLocally(() -> false)).isTrue();
        assertThat(read.servableLocally("local rows")).isTrue();
        assertThat(read.servableLocally("query")).isFalse();
        assertThat(read.what()).isEqualTo("secret-bundle");
    }

    @Test
    void nothingFoundIsNotObserved() {
        List<String> observed = new ArrayList<>();
        StoreRead<String> read = StoreRead.<String>of("secret-bundle", store -> Optional.empty())
                .locallyByRows(rows -> Optional.empty())
                .observed((unit, found) -> observed.add(found), () -> LOCAL_UNIT);

        assertThat(read.runOn(ENTITY_MANAGER)).isEmpty();
        assertThat(read.runLocallyByRows(null)).isEmpty();
        assertThat(observed).isEmpty();
    }

    /** An interface whose only answer is {@code unit} (to getEntityManagerFactory); every other call returns null. */
    private static <T> T proxy(Class<T> type, EntityManagerFactory unit) {
        return type.cast(Proxy.newProxyInstance(
                StoreReadTest.class.getClassLoader(),
                new Class<?>[] {type},
                (self, method, arguments) -> switch (method.getName()) {
                    case "getEntityManagerFactory" -> unit;
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == arguments[0];
                    case "toString" -> type.getSimpleName();
                    default -> null;
                }));
    }
}
