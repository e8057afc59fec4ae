package io.coffer.platform.wire;

import io.coffer.platform.failure.CofferException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page tokens for keyset pagination: the sort a page was listed by and the sort key and id of its last item,
 * base64url-encoded. A token says where to continue, not how many items to skip, so items inserted between two
 * requests neither repeat nor vanish from the pages that follow. Not a secret: it only names a position in a list the
 * caller may read anyway.
 */
public final class PageTokens {

    private static final String SEPARATOR = "|";

    private PageTokens() {}

    public static String encode(String kind, String sort, String key, String id) {
        String text = String.join(SEPARATOR, kind, sort, key, id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The key and id of a token issued for this kind of list and sort; InvalidParameter for anything else. */
    public static List<String> decode(String token, String kind, String sort) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(kind) || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw malformed();
        }
        if (!parts[1].equals(sort)) {
            throw CofferException.invalid("page was issued for a list sorted by " + parts[1].replace(',', ' ')
                    + "; repeat that sortBy and sortOrder, or start again without page");
        }
        return List.of(parts[2], parts[3]);
    }

    /** A token's key that was a number when the token was made (times are epoch milliseconds). */
    public static long numericKey(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException forged) {
            throw malformed();
        }
    }

    public static CofferException malformed() {
        return CofferException.invalid("page is not a valid page token; pass the opc-next-page value of the previous "
                + "list response unchanged");
    }

    /** The requested page size: OCI's {@code limit}, 1 to {@code max}, {@code fallback} when absent. */
    public static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw CofferException.invalid("limit must be between 1 and " + max + ", not " + limit);
        }
        return limit;
    }
}
