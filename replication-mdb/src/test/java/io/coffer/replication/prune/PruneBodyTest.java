package io.coffer.replication.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.InvalidParameterException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PruneBodyTest {

    @Test
    void noRetentionMeansTheConfiguredOne() {
        assertThat(PruneBody.retention("")).isEmpty();
        assertThat(PruneBody.retention("{}")).isEmpty();
        assertThat(PruneBody.retention("{\"olderThanSeconds\": null}")).isEmpty();
    }

    @Test
    void aRetentionIsWholeSecondsZeroOrMore() {
        assertThat(PruneBody.retention("{\"olderThanSeconds\": 0}")).contains(Duration.ZERO);
        assertThat(PruneBody.retention("{\"olderThanSeconds\": 3600}")).contains(Duration.ofHours(1));
    }

    @Test
    void anythingElseIsRefused() {
        for (String body : new String[] {
            "[]",
            "{",
            "{\"olderThanSeconds\": -1}",
            "{\"olderThanSeconds\": 1.5}",
            "{\"olderThanSeconds\": \"0\"}",
            "{\"olderThanSeconds\": 1e30}",
            "{\"olderThan\": 0}"
        }) {
            assertThatThrownBy(() -> PruneBody.retention(body)).as(body).isInstanceOf(InvalidParameterException.class);
        }
    }
}
