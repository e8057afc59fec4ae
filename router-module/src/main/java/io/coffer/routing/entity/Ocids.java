package io.coffer.routing.entity;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Coffer's resource identifiers, in OCI's OCID shape: {@code ocid1.<resource type>.oc1.<region>.<unique part>}.
 * The unique part is 130 random bits, so identifiers never collide across shards or hosts.
 */
public final class Ocids {

    public static final String REGION = "coffer";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE =
            Pattern.compile("ocid1\\.[a-z0-9]{1,32}\\.[a-z0-9-]{1,16}\\.[a-z0-9-]{0,32}\\.[a-z0-9]{10,80}");

    private Ocids() {}

    /** A new identifier for a resource of that type, e.g. {@code vaultsecret}, {@code vault}, {@code key}. */
    public static String newId(String resourceType) {
        StringBuilder unique = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            unique.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return "ocid1." + resourceType.toLowerCase(Locale.ROOT) + ".oc1." + REGION + "." + unique;
    }

    /** Whether the text has the shape of an OCID (any type); says nothing about whether it exists. */
    public static boolean looksLikeOcid(String text) {
        return text != null && text.length() <= 255 && SHAPE.matcher(text).matches();
    }

    /** Whether the text has the shape of an OCID of that resource type. */
    public static boolean isOfType(String text, String resourceType) {
        return looksLikeOcid(text) && text.startsWith("ocid1." + resourceType + ".");
    }
}
