package io.coffer.bundle.entity.wire;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The Secrets service's {@code SecretBundle} as JSON (a version's content, base64, with its metadata), and its
 * {@code SecretBundleVersionSummary} (an item of ListSecretBundleVersions): the same object without content and
 * metadata (JSON-B leaves out what is null).
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

    @Override
    public String toString() {
        return "SecretBundleJson[" + secretId + "/" + versionNumber + "]";
    }
}
