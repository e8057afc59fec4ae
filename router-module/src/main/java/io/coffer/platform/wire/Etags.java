package io.coffer.platform.wire;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Etags for optimistic concurrency: derived from a resource's id and its row version, so any change gives a new one.
 * An {@code if-match} that is present and differs is answered 412, and the change is not made.
 */
public final class Etags {

    private Etags() {}

    public static String of(String id, long version) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((id + "#" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @param ifMatch the request's {@code if-match}, or null when it sent none */
    public static void check(String ifMatch, String id, long version) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String expected = of(id, version);
        String given = ifMatch.trim();
        if (given.startsWith("\"") && given.endsWith("\"") && given.length() >= 2) {
            given = given.substring(1, given.length() - 1);
        }
        if (!given.equals(expected)) {
            throw new CofferException(
                    ErrorCode.PRECONDITION_FAILED,
                    "the resource changed since that etag was read (if-match does not match); read it again and retry");
        }
    }
}
