package io.coffer.platform.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @Test
    void formatsUtcWithMilliseconds() {
        assertThat(Rfc3339.format(Instant.parse("2026-11-25T02:13:29.468123Z"))).isEqualTo("2026-11-25T02:13:29.468Z");
        assertThat(Rfc3339.format(Instant.parse("2026-11-25T02:13:29Z"))).isEqualTo("2026-11-25T02:13:29.000Z");
        assertThat(Rfc3339.format(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-25T02:13:29.468Z, 2026-11-25T02:13:29.468Z",
        "2026-11-25T04:13:29.468+02:00, 2026-11-25T02:13:29.468Z",
        "2026-11-25t02:13:29z, 2026-11-25T02:13:29Z",
        "2026-11-25T02:13:29.4689Z, 2026-11-25T02:13:29.468Z",
        "2026-11-24T21:13:29-05:00, 2026-11-25T02:13:29Z"
    })
    void parsesAnyRfc3339OffsetToTheMillisecond(String text, String expected) {
        assertThat(Rfc3339.parse("timeOfDeletion", text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25", "2026-11-25T02:13:29", "yesterday", "2026-13-25T02:13:29Z", ""})
    void refusesWhatIsNotRfc3339NamingTheField(String text) {
        assertThatThrownBy(() -> Rfc3339.parse("timeOfDeletion", text))
                .isInstanceOfSatisfying(CofferException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.getMessage()).startsWith("timeOfDeletion must be an RFC 3339 timestamp");
                });
    }

    @Test
    void absentIsNull() {
        assertThat(Rfc3339.parse("timeOfDeletion", null)).isNull();
    }

    @Test
    void roundTrips() {
        Instant now = Rfc3339.millis(Instant.now());
        assertThat(Rfc3339.parse("t", Rfc3339.format(now))).isEqualTo(now);
    }
}
