package io.coffer.wire;

import io.coffer.failure.CofferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page tokens for keyset paging: a token carries the sort values of the last item of a page, so the next page
 * starts right after it, whatever was inserted meanwhile. Clients get it in {@code opc-next-page} and send it back in
 * {@code page}; a token that was not made here is a 400.
 */
public final class PageTokens {

    private static final String PREFIX = "c1";
    private static final char SEPARATOR = '\u001f';

    private PageTokens() {
    }

    public static String of(String... values) {
        StringBuilder text = new StringBuilder(PREFIX);
        for (String value : values) {
            text.append(SEPARATOR).append(value == null ? "" : value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @param parts how many values the token must carry */
    public static List<String> parse(String token, int parts) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> values = new ArrayList<>(List.of(text.split(String.valueOf(SEPARATOR), -1)));
            if (values.size() != parts + 1 || !values.get(0).equals(PREFIX)) {
                throw CofferException.invalid("page is not a page token from this list");
            }
            return values.subList(1, values.size());
        } catch (IllegalArgumentException notBase64) {
            throw CofferException.invalid("page is not a page token from this list");
        }
    }

    /** The page size: OCI's default when absent, refused outside 1..max. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw CofferException.invalid("limit must be between 1 and " + max);
        }
        return requested;
    }
}
