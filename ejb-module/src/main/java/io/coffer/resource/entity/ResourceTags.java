package io.coffer.resource.entity;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.entity.StoredRow;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource's free-form tags ({@code {"key": "value"}}) and defined tags ({@code {"namespace": {"key": value}}}),
 * checked against OCI's tagging limits and kept as JSON text, one column each.
 *
 * <p>OCI's limits, for every resource alike: at most {@value #MAX_TAGS} tags, free-form and defined together; keys and
 * namespaces 1 to {@value #MAX_KEY} characters without spaces, periods or control characters; values at most
 * {@value #MAX_VALUE} characters, never null (a defined tag's value may also be a number or a boolean); all tags
 * together at most {@value #MAX_JSON} bytes of JSON. The columns are wider than that (tables made before the limits
 * were enforced everywhere had 32000 characters), so a stored value always fits.
 */
@Embeddable
public class ResourceTags {

    public static final int MAX_TAGS = 64;
    public static final int MAX_KEY = 100;
    public static final int MAX_VALUE = 256;
    public static final int MAX_JSON = 5120;
    public static final ResourceTags NONE = new ResourceTags(null, null);

    @Column(name = "FREEFORM_TAGS", length = 32000)
    private String freeform;

    @Column(name = "DEFINED_TAGS", length = 32000)
    private String defined;

    protected ResourceTags() {}

    /**
     * The tags of a row as stored (a plain-JDBC read): null when it has none of either kind, as EclipseLink reads an
     * embedded value whose columns are all NULL.
     */
    public static ResourceTags of(StoredRow row) {
        String freeform = row.text("FREEFORM_TAGS");
        String defined = row.text("DEFINED_TAGS");
        return freeform == null && defined == null ? null : new ResourceTags(freeform, defined);
    }

    private ResourceTags(String freeform, String defined) {
        this.freeform = freeform;
        this.defined = defined;
    }

    /**
     * The tags a request gives a {@code resource} (named in refusals, e.g. "a secret"), checked; null means none of
     * that kind.
     */
    public static ResourceTags of(
            String resource, Map<String, String> freeform, Map<String, Map<String, Object>> defined) {
        int count = 0;
        JsonObjectBuilder freeformJson = Json.createObjectBuilder();
        if (freeform != null) {
            for (Map.Entry<String, String> tag : freeform.entrySet()) {
                checkKey("freeformTags", tag.getKey());
                freeformJson.add(tag.getKey(), checkedValue("freeformTags." + tag.getKey(), tag.getValue()));
                count++;
            }
        }
        JsonObjectBuilder definedJson = Json.createObjectBuilder();
        if (defined != null) {
            for (Map.Entry<String, Map<String, Object>> namespace : defined.entrySet()) {
                checkKey("definedTags", namespace.getKey());
                String field = "definedTags." + namespace.getKey();
                if (namespace.getValue() == null) {
                    throw CofferException.invalid(field + " needs its tags");
                }
                JsonObjectBuilder keys = Json.createObjectBuilder();
                for (Map.Entry<String, Object> tag : namespace.getValue().entrySet()) {
                    checkKey(field, tag.getKey());
                    keys.add(tag.getKey(), definedValue(field + "." + tag.getKey(), tag.getValue()));
                    count++;
                }
                definedJson.add(namespace.getKey(), keys);
            }
        }
        if (count > MAX_TAGS) {
            throw CofferException.invalid(resource + " can have at most " + MAX_TAGS + " tags, not " + count);
        }
        String freeformText = freeform == null ? null : freeformJson.build().toString();
        String definedText = defined == null ? null : definedJson.build().toString();
        int size = length(freeformText) + length(definedText);
        if (size > MAX_JSON) {
            throw CofferException.invalid(
                    "the tags of " + resource + " must total at most " + MAX_JSON + " bytes of JSON");
        }
        return new ResourceTags(freeformText, definedText);
    }

    /** These tags with the kinds a request gives replaced (null: that kind stays as it is), checked again. */
    public ResourceTags replacedBy(
            String resource, Map<String, String> freeform, Map<String, Map<String, Object>> defined) {
        return of(resource, freeform != null ? freeform : freeform(), defined != null ? defined : defined());
    }

    public Map<String, String> freeform() {
        Map<String, String> tags = new LinkedHashMap<>();
        if (freeform != null) {
            read(freeform)
                    .forEach((key, value) ->
                            tags.put(key, value instanceof JsonString text ? text.getString() : value.toString()));
        }
        return Collections.unmodifiableMap(tags);
    }

    public Map<String, Map<String, Object>> defined() {
        Map<String, Map<String, Object>> tags = new LinkedHashMap<>();
        if (defined != null) {
            read(defined).forEach((namespace, keys) -> {
                Map<String, Object> values = new LinkedHashMap<>();
                keys.asJsonObject()
                        .forEach((key, value) -> values.put(
                                key,
                                switch (value.getValueType()) {
                                    case STRING -> ((JsonString) value).getString();
                                    case NUMBER -> ((JsonNumber) value).bigDecimalValue();
                                    case TRUE -> Boolean.TRUE;
                                    case FALSE -> Boolean.FALSE;
                                    default -> null;
                                }));
                tags.put(namespace, Collections.unmodifiableMap(values));
            });
        }
        return Collections.unmodifiableMap(tags);
    }

    private static void checkKey(String field, String key) {
        if (key == null || key.isBlank()) {
            throw CofferException.invalid(field + " must not have an empty key");
        }
        if (key.length() > MAX_KEY) {
            throw CofferException.invalid(
                    field + " key '" + key.substring(0, 20) + "…' is longer than " + MAX_KEY + " characters");
        }
        if (key.chars().anyMatch(c -> c <= ' ' || c == '.' || Character.isISOControl(c))) {
            throw CofferException.invalid(field + " key '" + key + "' must not contain spaces or periods");
        }
    }

    private static String checkedValue(String field, String value) {
        if (value == null) {
            throw CofferException.invalid(field + " needs a value");
        }
        if (value.length() > MAX_VALUE) {
            throw CofferException.invalid(field + " is longer than " + MAX_VALUE + " characters");
        }
        return value;
    }

    private static JsonValue definedValue(String field, Object value) {
        if (value instanceof Number number) {
            return Json.createValue(new BigDecimal(number.toString()));
        }
        if (value instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value == null || value instanceof String) {
            return Json.createValue(checkedValue(field, (String) value));
        }
        throw CofferException.invalid(field + " must be a string, a number or a boolean");
    }

    private static int length(String json) {
        return json == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonObject read(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
