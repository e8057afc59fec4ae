package io.coffer.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A read's local form runs on the local store only, and whatever changes a read keeps both forms. */
class StoreReadTest {

    private static final StoreRead<String> READ =
            StoreRead.of("secret-bundle", store -> Optional.of("remote")).locally(store -> Optional.of("local"));

    @Test
    void eachStoreRunsItsOwnForm() {
        assertThat(READ.runOn(null)).contains("remote");
        assertThat(READ.runLocallyOn(null)).contains("local");
    }

    @Test
    void withoutALocalFormBothStoresRunTheQuery() {
        StoreRead<String> plain = StoreRead.of("route", store -> Optional.of("route"));

        assertThat(plain.runOn(null)).contains("route");
        assertThat(plain.runLocallyOn(null)).contains("route");
    }

    @Test
    void theServabilityRuleAndTheSampleObserverKeepBothForms() {
        List<String> observed = new ArrayList<>();
        StoreRead<String> read =
                READ.servableLocallyWhen("local"::equals).observed((store, found) -> observed.add(found));

        assertThat(read.runOn(null)).contains("remote");
        assertThat(read.runLocallyOn(null)).contains("local");
        assertThat(observed).containsExactly("remote", "local");
        assertThat(read.servableLocally("local")).isTrue();
        assertThat(read.servableLocally("remote")).isFalse();
        assertThat(read.what()).isEqualTo("secret-bundle");
    }

    @Test
    void nothingFoundIsNotObserved() {
        List<String> observed = new ArrayList<>();
        StoreRead<String> read = StoreRead.<String>of("secret-bundle", store -> Optional.empty())
                .observed((store, found) -> observed.add(found));

        assertThat(read.runLocallyOn(null)).isEmpty();
        assertThat(observed).isEmpty();
    }
}
