package io.coffer.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutageTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private final Outage outage = new Outage(Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void withNothingFailedEveryTryIsAllowedAndNothingIsToSay() {
        assertThat(outage.mayTry(T0)).isTrue();
        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.succeeded(T0)).isEmpty();
    }

    @Test
    void onlyTheFirstFailureStartsAnOutageAndOnlyTheFirstSuccessEndsIt() {
        assertThat(outage.failed(T0)).isTrue();
        assertThat(outage.failed(T0.plusMillis(200))).isFalse();
        assertThat(outage.failed(T0.plusMillis(600))).isFalse();
        assertThat(outage.ongoing()).isTrue();

        assertThat(outage.succeeded(T0.plusMillis(2_500))).contains(Duration.ofMillis(2_500));
        assertThat(outage.succeeded(T0.plusMillis(2_700))).isEmpty();
        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.failed(T0.plusSeconds(10))).as("a new outage").isTrue();
    }

    @Test
    void triesBackOffDoublingUpToTheLongestRetry() {
        outage.failed(T0);
        assertThat(outage.mayTry(T0.plusMillis(199))).isFalse();
        assertThat(outage.mayTry(T0.plusMillis(200))).isTrue();

        Instant second = T0.plusMillis(200);
        outage.failed(second);
        assertThat(outage.mayTry(second.plusMillis(399))).isFalse();
        assertThat(outage.mayTry(second.plusMillis(400))).isTrue();

        Instant third = second.plusMillis(400);
        outage.failed(third);
        assertThat(outage.mayTry(third.plusMillis(799))).isFalse();
        Instant fourth = third.plusMillis(800);
        outage.failed(fourth);
        assertThat(outage.mayTry(fourth.plusMillis(999)))
                .as("capped at one second")
                .isFalse();
        assertThat(outage.mayTry(fourth.plusMillis(1_000))).isTrue();
        outage.failed(fourth.plusMillis(1_000));
        assertThat(outage.mayTry(fourth.plusMillis(2_000))).isTrue();
    }

    @Test
    void aSuccessResetsTheBackOff() {
        outage.failed(T0);
        outage.failed(T0.plusMillis(200));
        outage.succeeded(T0.plusSeconds(1));
        assertThat(outage.mayTry(T0.plusSeconds(1))).isTrue();
        outage.failed(T0.plusSeconds(2));
        assertThat(outage.mayTry(T0.plusSeconds(2).plusMillis(200)))
                .as("back to the first retry")
                .isTrue();
    }

    @Test
    void lengthsAreDescribedForALogLine() {
        assertThat(Outage.describe(Duration.ofMillis(2_400))).isEqualTo("2.4 s");
        assertThat(Outage.describe(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    }

    @Test
    void aBackOffThatShrinksIsRefused() {
        assertThatThrownBy(() -> new Outage(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
