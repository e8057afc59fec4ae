package io.coffer.bundle.entity.wire;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Secrets service's {@code SecretBundle} as JSON (a version's content, base64, with its metadata), and its
 * {@code SecretBundleVersionSummary} (an item of ListSecretBundleVersions): the same object without content and
 * metadata (JSON-B leaves out what is null).
 *
 * <p>A bundle is small and read far more often than anything else, so {@link #toJson()} writes it out directly, as
 * JSON-B would (members that are null left out), instead of paying for JSON-B's introspection on every read.
 */
public record SecretBundleJson(
        String secretId,
        String timeCreated,
        Long versionNumber,
        String versionName,
        Content secretBundleContent,
        String timeOfDeletion,
        String timeOfExpiry,
        List<String> stages,
        Map<String, Object> metadata) {

    /** OCI's {@code Base64SecretBundleContentDetails}. */
    public record Content(String contentType, String content) {
        @Override
        public String toString() {
            return "Content[" + contentType + "]";
        }
    }

    public static SecretBundleJson of(SecretVersion version, byte[] content, Map<String, Object> metadata) {
        return build(version, new Content("BASE64", Base64.getEncoder().encodeToString(content)), metadata);
    }

    public static SecretBundleJson summary(SecretVersion version) {
        return build(version, null, null);
    }

    private static SecretBundleJson build(SecretVersion version, Content content, Map<String, Object> metadata) {
        return new SecretBundleJson(
                version.secretId(),
                Rfc3339.format(version.timeCreated()),
                version.versionNumber(),
                version.name(),
                content,
                Rfc3339.format(version.timeOfDeletion()),
                Rfc3339.format(version.timeOfExpiry()),
                version.stages().stream().map(Stage::name).toList(),
                metadata);
    }

    /** This object as JSON text: the same members JSON-B writes, null ones left out. */
    public String toJson() {
        StringBuilder json = new StringBuilder(256);
        json.append('{');
        member(json, "secretId", secretId);
        member(json, "timeCreated", timeCreated);
        if (versionNumber != null) {
            name(json, "versionNumber").append(versionNumber.longValue());
        }
        member(json, "versionName", versionName);
        if (secretBundleContent != null) {
            name(json, "secretBundleContent").append('{');
            member(json, "contentType", secretBundleContent.contentType());
            member(json, "content", secretBundleContent.content());
            json.append('}');
        }
        member(json, "timeOfDeletion", timeOfDeletion);
        member(json, "timeOfExpiry", timeOfExpiry);
        if (stages != null) {
            name(json, "stages").append('[');
            for (int i = 0; i < stages.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                string(json, stages.get(i));
            }
            json.append(']');
        }
        if (metadata != null) {
            // Free-form and rare: JSON-B writes it, as it reads it.
            name(json, "metadata").append(Metadata.JSONB.toJson(metadata));
        }
        return json.append('}').toString();
    }

    private static void member(StringBuilder json, String name, String value) {
        if (value != null) {
            string(name(json, name), value);
        }
    }

    private static StringBuilder name(StringBuilder json, String name) {
        if (json.length() > 1 && json.charAt(json.length() - 1) != '{') {
            json.append(',');
        }
        return string(json, name).append(':');
    }

    /** A JSON string (RFC 8259): quote, backslash and control characters escaped. */
    static StringBuilder string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /** Created on first use only: most bundles carry no metadata. */
    private static final class Metadata {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    @Override
    public String toString() {
        return "SecretBundleJson[" + secretId + "/" + versionNumber + "]";
    }
}
