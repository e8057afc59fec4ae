package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.routing.entity.Ocids;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.wire.SecretContentDetails;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shape of what a client may send about a secret, with OCI's error codes: names, description, identifiers, tags,
 * metadata and content. Each check names the field it refuses, and none of them changes anything.
 *
 * <p>Bounds: secret and version names 1–255 of letters, digits, '-', '_', '.' (OCI's API reference); content valid
 * base64 of 1 to 25 KB decoded, where 25 KB is 25 × 1024 = 25,600 bytes (OCI's secret size limit); tags as every
 * resource's ({@link ResourceTags}). OCI documents no bound for a description or for metadata: Coffer allows 400 characters of
 * description (OCI's usual bound for descriptions) and 8 KB of metadata as JSON.
 */
public final class SecretInputRules {

    public static final int MAX_CONTENT_BYTES = 25 * 1024;
    public static final int MAX_METADATA_BYTES = 8 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int MAX_BASE64_CHARS = 4 * ((MAX_CONTENT_BYTES + 2) / 3);
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final Type METADATA =
            new LinkedHashMap<String, Object>() {}.getClass().getGenericSuperclass();

    private SecretInputRules() {}

    /** A secret name as OCI allows it. */
    public static String secretName(String name) {
        return name("secretName", name);
    }

    /** A version name as OCI allows it, or null when none was given. */
    public static String versionName(String field, String name) {
        return name == null ? null : name(field, name);
    }

    private static String name(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw CofferException.missing(field);
        }
        if (name.length() > Secret.MAX_NAME) {
            throw CofferException.invalid(field + " is longer than " + Secret.MAX_NAME + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw CofferException.invalid(
                    field + " may contain only letters, digits, hyphens, underscores and periods");
        }
        return name;
    }

    /** A description of at most {@link Secret#MAX_DESCRIPTION} characters, without control characters. */
    public static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > Secret.MAX_DESCRIPTION) {
            throw CofferException.invalid("description is longer than " + Secret.MAX_DESCRIPTION + " characters");
        }
        if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw CofferException.invalid("description must not contain control characters");
        }
        return description;
    }

    /** A required OCID of any type (a tenancy is its own root compartment). */
    public static String compartmentId(String compartmentId) {
        return ocid("compartmentId", compartmentId, null);
    }

    public static String vaultId(String vaultId) {
        return ocid("vaultId", vaultId, "vault");
    }

    public static String keyId(String keyId) {
        return ocid("keyId", keyId, "key");
    }

    /** A required OCID; of the given resource type unless {@code type} is null. */
    public static String ocid(String field, String value, String type) {
        if (value == null || value.isBlank()) {
            throw CofferException.missing(field);
        }
        boolean ok = type == null ? Ocids.looksLikeOcid(value) : Ocids.isOfType(value, type);
        if (!ok) {
            throw CofferException.invalid(
                    field + " is not " + (type == null ? "an OCID" : "the OCID of a " + type) + ": '" + value + "'");
        }
        return value;
    }

    /** Freeform and defined tags, each as given (null means none), checked against OCI's tagging limits. */
    public static ResourceTags tags(Map<String, String> freeform, Map<String, Map<String, Object>> defined) {
        return ResourceTags.of("a secret", freeform, defined);
    }

    /** A new version's content type: BASE64, the only one OCI has. */
    public static void contentType(SecretContentDetails content) {
        if (content.contentType() == null) {
            throw CofferException.missing("secretContent.contentType");
        }
        if (!SecretContentDetails.BASE64.equals(content.contentType())) {
            throw CofferException.invalid(
                    "secretContent.contentType must be BASE64, not '" + content.contentType() + "'");
        }
    }

    /**
     * The metadata as the UTF-8 JSON bytes the encryption layer seals, or null when there is none. The message of a
     * refusal never quotes a value: metadata is sensitive.
     */
    public static byte[] metadataJson(Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        for (String key : metadata.keySet()) {
            if (key == null || key.isBlank()) {
                throw CofferException.invalid("metadata must not have an empty key");
            }
        }
        byte[] json = json(metadata);
        if (json.length > MAX_METADATA_BYTES) {
            throw CofferException.invalid("metadata is larger than " + MAX_METADATA_BYTES + " bytes as JSON");
        }
        return json;
    }

    /** Metadata as the secret shows it, from the UTF-8 JSON that was sealed (after opening it). */
    public static Map<String, Object> metadataFromJson(byte[] json) {
        return JSONB.fromJson(new String(json, StandardCharsets.UTF_8), METADATA);
    }

    /**
     * The plaintext that base64 content stands for: refuses content that is not base64 (RFC 4648, padding optional),
     * empty, or larger than {@value #MAX_CONTENT_BYTES} bytes once decoded. The refusal never quotes the content.
     */
    public static byte[] decodeContent(String field, String base64) {
        if (base64 == null) {
            throw CofferException.missing(field);
        }
        if (base64.length() > MAX_BASE64_CHARS + 2) {
            throw tooLarge(field);
        }
        byte[] plaintext;
        try {
            plaintext = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw CofferException.invalid(field + " is not valid base64");
        }
        if (plaintext.length == 0) {
            throw CofferException.invalid(field + " must not be empty");
        }
        if (plaintext.length > MAX_CONTENT_BYTES) {
            throw tooLarge(field);
        }
        return plaintext;
    }

    /** Refuses plaintext (generated, or from a template) larger than OCI's limit. */
    public static byte[] withinContentLimit(String what, byte[] plaintext) {
        if (plaintext.length > MAX_CONTENT_BYTES) {
            throw tooLarge(what);
        }
        return plaintext;
    }

    private static CofferException tooLarge(String field) {
        return CofferException.invalid(field + " is larger than " + MAX_CONTENT_BYTES
                + " bytes (25 KB) once decoded, OCI's limit for a secret");
    }

    /** Cross-region replication does not exist in Coffer: refused rather than silently ignored. */
    public static void noReplication(JsonObject replicationConfig) {
        if (replicationConfig != null) {
            throw CofferException.invalid("replicationConfig: cross-region secret replication is not supported");
        }
    }

    /** The version number a request names: positive. */
    public static long versionNumber(String field, Long number) {
        if (number == null) {
            throw CofferException.missing(field);
        }
        if (number < 1) {
            throw CofferException.invalid(field + " must be a positive version number, not " + number);
        }
        return number;
    }

    private static byte[] json(Object value) {
        try {
            return JSONB.toJson(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonbException e) {
            throw CofferException.invalid("value cannot be written as JSON");
        }
    }
}
