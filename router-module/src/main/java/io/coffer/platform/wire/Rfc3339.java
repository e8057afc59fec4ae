package io.coffer.platform.wire;

import io.coffer.platform.failure.CofferException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * OCI's timestamps: RFC 3339 in UTC with milliseconds on the way out ({@code 2026-11-25T02:13:29.468Z}, what the
 * SDK itself sends and parses), any RFC 3339 offset and precision on the way in. Coffer keeps times to the
 * millisecond, so what it stores is exactly what it answers.
 */
public final class Rfc3339 {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IN = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffsetId()
            .toFormatter(Locale.ROOT);

    private Rfc3339() {}

    /** The wire form of a time, or null for null. */
    public static String format(Instant time) {
        return time == null ? null : OUT.format(time);
    }

    /**
     * The time a request field carries, or null when the field is absent; InvalidParameter naming the field when
     * the text is not an RFC 3339 timestamp with an offset.
     */
    public static Instant parse(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return millis(OffsetDateTime.parse(text.trim(), IN).toInstant());
        } catch (DateTimeParseException e) {
            throw CofferException.invalid(
                    field + " must be an RFC 3339 timestamp such as 2026-11-25T02:13:29.468Z, " + "not '" + text + "'");
        }
    }

    /** The time to the millisecond, the precision Coffer stores and answers. */
    public static Instant millis(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
    }
}
