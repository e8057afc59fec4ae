package io.coffer.secret.entity.wire;

/**
 * OCI's {@code SecretContentDetails} as a flat union of its subtypes (today only {@code BASE64}): the content of a new
 * version, its optional name and its stage ({@code CURRENT}, the default, or {@code PENDING}).
 */
public record SecretContentDetails(String contentType, String content, String name, String stage) {

    public static final String BASE64 = "BASE64";

    public static SecretContentDetails base64(String content) {
        return new SecretContentDetails(BASE64, content, null, null);
    }
}
