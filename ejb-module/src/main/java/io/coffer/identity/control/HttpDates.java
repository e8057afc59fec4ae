package io.coffer.identity.control;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code date} header of a signed request (RFC 1123, {@code Tue, 25 Nov 2026 03:00:00 GMT}). Every client sends
 * that one fixed-width form, which is read here directly; anything else goes to {@link
 * DateTimeFormatter#RFC_1123_DATE_TIME}, which decides alone what is accepted: the fast path only ever agrees with it.
 */
final class HttpDates {

    private static final String DAYS = "MonTueWedThuFriSatSun";
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final int FIXED_LENGTH = "Tue, 25 Nov 2026 03:00:00 GMT".length();

    private HttpDates() {}

    /** @throws DateTimeParseException when the text is not an RFC 1123 date */
    static Instant parse(String text) {
        Instant fixed = fixedWidth(text);
        return fixed != null
                ? fixed
                : ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
    }

    /** The instant of {@code EEE, dd MMM yyyy HH:mm:ss GMT} with valid fields, or null for anything else. */
    private static Instant fixedWidth(String text) {
        if (text.length() != FIXED_LENGTH
                || !text.startsWith(", ", 3)
                || text.charAt(7) != ' '
                || text.charAt(11) != ' '
                || text.charAt(16) != ' '
                || text.charAt(19) != ':'
                || text.charAt(22) != ':'
                || !text.startsWith(" GMT", 25)) {
            return null;
        }
        int dayOfWeek = indexOf(DAYS, text, 0);
        int month = indexOf(MONTHS, text, 8);
        int day = digits(text, 5, 2);
        int year = digits(text, 12, 4);
        int hour = digits(text, 17, 2);
        int minute = digits(text, 20, 2);
        int second = digits(text, 23, 2);
        if (dayOfWeek < 0 || month < 0 || day < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        if (second < 0 || second > 59 || day > LocalDate.of(year, month + 1, 1).lengthOfMonth()) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month + 1, day);
        if (date.getDayOfWeek() != DayOfWeek.of(dayOfWeek + 1)) {
            return null;
        }
        return date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    private static int indexOf(String names, String text, int at) {
        for (int i = 0; i < names.length(); i += 3) {
            if (names.regionMatches(i, text, at, 3)) {
                return i / 3;
            }
        }
        return -1;
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(String text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
