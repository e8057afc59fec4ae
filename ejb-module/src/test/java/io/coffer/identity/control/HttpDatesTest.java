package io.coffer.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path must agree with the JDK's RFC 1123 parser on everything, accepted or refused. */
class HttpDatesTest {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

    @Test
    void readsWhatClientsSendAsTheJdkDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L));
            String text = RFC_1123.format(instant.atZone(ZoneOffset.UTC));

            assertThat(HttpDates.parse(text)).as(text).isEqualTo(instant);
        }
        assertThat(HttpDates.parse("Wed, 25 Nov 2026 03:00:00 GMT")).isEqualTo(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(HttpDates.parse("Thu, 29 Feb 2024 23:59:59 GMT")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Tue, 3 Nov 2026 03:00:00 GMT",
                "wed, 25 nov 2026 03:00:00 gmt",
                "Wed, 25 Nov 2026 03:00:00 +0000",
                "Wed, 25 Nov 2026 05:00:00 +0200",
                "25 Nov 2026 03:00:00 GMT",
                "Wed, 25 Nov 2026 03:00 GMT",
                "Wed, 25 Nov 2026 24:00:00 GMT"
            })
    void otherFormsAreDecidedByTheJdk(String text) {
        assertThat(HttpDates.parse(text))
                .isEqualTo(ZonedDateTime.parse(text, RFC_1123).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Tue, 25 Nov 2026 03:00:00 GMT",
                "Tue, 31 Nov 2026 03:00:00 GMT",
                "Thu, 29 Feb 2023 03:00:00 GMT",
                "Wed, 25 Nov 2026 03:60:00 GMT",
                "Wed, 25 Foo 2026 03:00:00 GMT",
                "Wed, 2x Nov 2026 03:00:00 GMT",
                "Wed, 25 Nov 2026 03:00:00 UTX",
                "Wed,25 Nov 2026 03:00:00 GMT",
                "",
                "2026-11-25T03:00:00Z"
            })
    void whatTheJdkRefusesIsRefused(String text) {
        assertThatThrownBy(() -> ZonedDateTime.parse(text, RFC_1123)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> HttpDates.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
