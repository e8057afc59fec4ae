package io.coffer.wire;

import io.coffer.failure.CofferException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Times on the wire: RFC 3339 in UTC with milliseconds, e.g. {@code 2026-11-25T02:13:29.468Z}. */
public final class OciTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private OciTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses a client's time; anything that is not RFC 3339 is a 400 naming the field. */
    public static Instant parse(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notRfc3339) {
            throw CofferException.invalid(field + " must be an RFC 3339 time such as 2026-01-31T12:00:00.000Z");
        }
    }
}
