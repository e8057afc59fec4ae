package io.coffer.replication.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveVerdictTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void aRowDiffersOnlyWhenBothHaveItAndNoChangeIsOnItsWay() {
        assertThat(LiveVerdict.of(Optional.of("a"), Optional.of("a"), () -> fail("not asked when equal")))
                .isEqualTo(LiveVerdict.SAME);
        assertThat(LiveVerdict.of(Optional.of("a"), Optional.of("b"), () -> false))
                .isEqualTo(LiveVerdict.DIFFERS);
        assertThat(LiveVerdict.of(Optional.of("a"), Optional.of("b"), () -> true))
                .isEqualTo(LiveVerdict.IN_FLIGHT);
        assertThat(LiveVerdict.of(Optional.empty(), Optional.of("b"), () -> false))
                .as("deleted remotely, still in the replica")
                .isEqualTo(LiveVerdict.DIFFERS);
        assertThat(LiveVerdict.of(Optional.of("a"), Optional.empty(), () -> fail("not asked")))
                .as("left to the backfill and the sweep")
                .isEqualTo(LiveVerdict.NOT_REPLICATED);
    }

    @Test
    void quietWhenNoDiscrepancyWasReportedWithinTheWindow() {
        assertThat(LiveVerdict.quiet(Optional.empty(), NOW, TEN_MINUTES)).isTrue();
        assertThat(LiveVerdict.quiet(Optional.of(NOW.minusSeconds(60)), NOW, TEN_MINUTES))
                .isFalse();
        assertThat(LiveVerdict.quiet(Optional.of(NOW.minus(TEN_MINUTES).plusMillis(1)), NOW, TEN_MINUTES))
                .isFalse();
        assertThat(LiveVerdict.quiet(Optional.of(NOW.minus(TEN_MINUTES)), NOW, TEN_MINUTES))
                .isTrue();
        assertThat(LiveVerdict.quiet(Optional.of(NOW.minusSeconds(1)), NOW, Duration.ZERO))
                .as("a window of 0 never holds the advance")
                .isTrue();
    }
}
