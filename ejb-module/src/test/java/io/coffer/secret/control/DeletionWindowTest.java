package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.wire.Rfc3339;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeletionWindowTest {

    private static String in(Duration duration) {
        return Rfc3339.format(T0.plus(duration));
    }

    @Test
    void withoutATimeDeletionIsThirtyDaysAhead() {
        assertThat(DeletionWindow.resolve("timeOfDeletion", null, T0)).isEqualTo(T0.plus(Duration.ofDays(30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT24H", "P2D", "P30D", "PT23H57M", "PT720H4M"})
    void acceptsOneToThirtyDaysWithinTheTolerance(String ahead) {
        Duration duration = Duration.parse(ahead);
        assertThat(DeletionWindow.resolve("timeOfDeletion", in(duration), T0)).isEqualTo(T0.plus(duration));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT23H50M", "PT1H", "PT0S", "P31D", "PT720H10M"})
    void refusesTimesOutsideTheWindow(String ahead) {
        assertRefused(
                () -> DeletionWindow.resolve("timeOfDeletion", in(Duration.parse(ahead)), T0),
                ErrorCode.INVALID_PARAMETER,
                "timeOfDeletion must be between 1 and 30 days from now "
                        + "(2026-11-26T02:13:29.468Z to 2026-12-25T02:13:29.468Z)");
    }

    @Test
    void refusesTimesInThePastAndMalformedTimes() {
        assertRefused(
                () -> DeletionWindow.resolve("timeOfDeletion", in(Duration.ofDays(-1)), T0),
                ErrorCode.INVALID_PARAMETER,
                "between 1 and 30 days");
        assertRefused(
                () -> DeletionWindow.resolve("timeOfDeletion", "tomorrow", T0),
                ErrorCode.INVALID_PARAMETER,
                "timeOfDeletion must be an RFC 3339 timestamp");
    }
}
