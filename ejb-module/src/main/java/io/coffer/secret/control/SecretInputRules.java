package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.entity.Ocids;
import io.coffer.secret.entity.Secret;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
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
 * base64 of 1 to 25 KB decoded, where 25 KB is 25 × 1024 = 25,600 bytes (OCI's secret size limit); tags as OCI's
 * tagging limits (at most 64 tags, keys and namespaces at most 100 characters, values at most 256, all tags together
 * at most 5 KB of JSON). OCI documents no bound for a description or for metadata: Coffer allows 400 characters of
 * description (OCI's usual bound for descriptions) and 8 KB of metadata as JSON.
 */
public final class SecretInputRules {

    public static final int MAX_CONTENT_BYTES = 25 * 1024;
    public static final int MAX_METADATA_BYTES = 8 * 1024;
    public static final int MAX_TAGS = 64;
    public static final int MAX_TAG_KEY = 100;
    public static final int MAX_TAG_VALUE = 256;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int MAX_BASE64_CHARS = 4 * ((MAX_CONTENT_BYTES + 2) / 3);
    private static final Jsonb JSONB = JsonbBuilder.create();

    private SecretInputRules() {
    }

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
            throw CofferException.invalid(field
                    + " may contain only letters, digits, hyphens, underscores and periods");
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
            throw CofferException.invalid(field + " is not " + (type == null ? "an OCID" : "the OCID of a " + type)
                    + ": '" + value + "'");
        }
        return value;
    }

    /** Freeform and defined tags, each as given (null means none); refuses what OCI's tag limits refuse. */
    public static void tags(Map<String, String> freeform, Map<String, Map<String, Object>> defined) {
        int count = 0;
        if (freeform != null) {
            for (Map.Entry<String, String> tag : freeform.entrySet()) {
                tagKey("freeformTags", tag.getKey());
                if (tag.getValue() == null) {
                    throw CofferException.invalid("freeformTags." + tag.getKey() + " needs a value");
                }
                tagValue("freeformTags." + tag.getKey(), tag.getValue());
                count++;
            }
        }
        if (defined != null) {
            for (Map.Entry<String, Map<String, Object>> namespace : defined.entrySet()) {
                tagKey("definedTags", namespace.getKey());
                if (namespace.getValue() == null) {
                    throw CofferException.invalid("definedTags." + namespace.getKey() + " needs its tags");
                }
                for (Map.Entry<String, Object> tag : namespace.getValue().entrySet()) {
                    String field = "definedTags." + namespace.getKey();
                    tagKey(field, tag.getKey());
                    if (tag.getValue() == null) {
                        throw CofferException.invalid(field + "." + tag.getKey() + " needs a value");
                    }
                    tagValue(field + "." + tag.getKey(), String.valueOf(tag.getValue()));
                    count++;
                }
            }
        }
        if (count > MAX_TAGS) {
            throw CofferException.invalid("a secret can have at most " + MAX_TAGS + " tags, not " + count);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("freeformTags", freeform);
        all.put("definedTags", defined);
        if (json(all).length > Secret.MAX_TAGS_JSON) {
            throw CofferException.invalid("the tags of a secret must total at most " + Secret.MAX_TAGS_JSON
                    + " bytes of JSON");
        }
    }

    private static void tagKey(String field, String key) {
        if (key == null || key.isBlank()) {
            throw CofferException.invalid(field + " must not have an empty key");
        }
        if (key.length() > MAX_TAG_KEY) {
            throw CofferException.invalid(field + " key '" + key.substring(0, 20) + "…' is longer than "
                    + MAX_TAG_KEY + " characters");
        }
    }

    private static void tagValue(String field, String value) {
        if (value.length() > MAX_TAG_VALUE) {
            throw CofferException.invalid(field + " is longer than " + MAX_TAG_VALUE + " characters");
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
