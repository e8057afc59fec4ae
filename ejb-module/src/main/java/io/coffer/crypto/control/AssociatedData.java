package io.coffer.crypto.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The associated data that binds a ciphertext to its place: a purpose and the ids of where it lives, each
 * length-prefixed so that no two different tuples give the same bytes.
 */
public final class AssociatedData {

    private AssociatedData() {}

    /** A secret version's content. */
    public static byte[] content(String tenancyId, String vaultId, String secretId, long versionNumber) {
        return of("coffer/secret-content/v1", tenancyId, vaultId, secretId, Long.toString(versionNumber));
    }

    /** A secret's metadata. */
    public static byte[] metadata(String tenancyId, String vaultId, String secretId) {
        return of("coffer/secret-metadata/v1", tenancyId, vaultId, secretId);
    }

    /** A master key version's material, as the root key wraps it. */
    public static byte[] keyMaterial(String keyId, String keyVersionId) {
        return of("coffer/master-key-material/v1", keyId, keyVersionId);
    }

    /** The keyed digest of a secret's contents, for the reuse rule. */
    public static byte[] contentDigest(String secretId) {
        return of("coffer/secret-content-digest/v1", secretId);
    }

    public static byte[] of(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
