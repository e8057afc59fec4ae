package io.coffer.http;

import io.coffer.retry.entity.RetryToken;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What every OCI-style mutation takes from its request besides the body: the retry token. */
public final class OciRequests {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private OciRequests() {}

    /** The retry token with a hash of the operation, its target and its body (as parsed). */
    public static RetryToken retry(String token, String operation, String target, Object body) {
        if (token == null || token.isEmpty()) {
            return RetryToken.NONE;
        }
        String canonical = operation + "\n" + target + "\n" + (body == null ? "" : JSONB.toJson(body));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return RetryToken.of(token, HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
