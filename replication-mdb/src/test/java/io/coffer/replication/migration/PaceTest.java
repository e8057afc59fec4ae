package io.coffer.replication.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void allowsTheLimitPerSecondAtMostOneSecondsWorthAndANewLimitAtOnce() {
        Pace pace = new Pace(WorkKind.BACKFILL, 1, T0);
        pace.refill(100, T0.plusMillis(200));
        assertThat(pace.tokens()).isEqualTo(20.0);
        pace.refill(100, T0.plusSeconds(60));
        assertThat(pace.tokens()).as("idle time does not pile up").isEqualTo(100.0);
        pace.took(0, 0, T0.plusSeconds(60));
        pace.took(100, 100, T0.plusSeconds(60));
        assertThat(pace.tokens()).isZero();
        pace.refill(5, T0.plusSeconds(61));
        assertThat(pace.tokens()).as("a lower limit applies at the next refill").isEqualTo(5.0);
    }

    @Test
    void measuresTheRateReachedAndChargesTheFirstStepItsBudget() {
        Pace pace = new Pace(WorkKind.SWEEP, 1, T0);
        pace.refill(1_000, T0.plusSeconds(1));
        assertThat(pace.took(500, 200, T0.plusSeconds(1)))
                .as("work done before this host took over is not charged")
                .isEqualTo(200);
        assertThat(pace.took(900, 400, T0.plusSeconds(3))).isEqualTo(400);
        assertThat(pace.rate()).isEqualTo(200.0);
        assertThat(pace.matches(WorkKind.SWEEP, 1)).isTrue();
        assertThat(pace.matches(WorkKind.SWEEP, 2)).isFalse();
    }
}
