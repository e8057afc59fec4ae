package io.coffer.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a row counts as applied by every live host of the cell, the rule that gates ACTIVE. */
class AppliedEverywhereTest {

    private static final Map<String, Long> LAST_CHANGES =
            Map.of("logged-at-4", 4L, "logged-at-5", 5L, "pending", Long.MAX_VALUE);

    @Test
    void aRowIsThereOnceTheLowestHostPositionHasReachedItsLastChange() {
        AppliedEverywhere atFour = new AppliedEverywhere(4, LAST_CHANGES);

        assertThat(atFour.includes("logged-at-4")).isTrue();
        assertThat(atFour.includes("logged-at-5")).isFalse();
        assertThat(new AppliedEverywhere(5, LAST_CHANGES).includes("logged-at-5"))
                .isTrue();
    }

    @Test
    void aRowNeverLoggedHasNothingToWaitForAndAPendingChangeWaitsForAnyHostThatIsLive() {
        AppliedEverywhere hostsAtStart = new AppliedEverywhere(0, LAST_CHANGES);

        assertThat(hostsAtStart.includes("never-logged")).isTrue();
        assertThat(new AppliedEverywhere(1_000_000, LAST_CHANGES).includes("pending"))
                .isFalse();
    }

    @Test
    void aLiveHostOnAnOlderEpochHoldsBackEveryRowAndNoLiveHostHoldsBackNone() {
        AppliedEverywhere olderEpoch = new AppliedEverywhere(-1, LAST_CHANGES);
        AppliedEverywhere nobodyLive = new AppliedEverywhere(Long.MAX_VALUE, LAST_CHANGES);

        assertThat(olderEpoch.includes("never-logged")).isFalse();
        assertThat(olderEpoch.includes("logged-at-4")).isFalse();
        assertThat(nobodyLive.includes("pending")).isTrue();
    }
}
