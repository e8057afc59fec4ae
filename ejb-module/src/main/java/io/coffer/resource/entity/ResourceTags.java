package io.coffer.resource.entity;

import io.coffer.platform.failure.CofferException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Free-form tags ({@code {"key": "value"}}) and defined tags ({@code {"namespace": {"key": value}}}): validated
 * against OCI's limits, and kept as JSON text in one column.
 */
public final class ResourceTags {

    static final int MAX_TAGS = 64;
    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 256;

    private ResourceTags() {
    }

    public static String freeformToJson(Map<String, String> tags) {
        if (tags == null) {
            return null;
        }
        check(tags.size(), "freeformTags");
        JsonObjectBuilder json = Json.createObjectBuilder();
        tags.forEach((key, value) -> {
            checkKey("freeformTags", key);
            checkValue("freeformTags", key, value);
            json.add(key, value);
        });
        return json.build().toString();
    }

    public static Map<String, String> freeformFromJson(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (text != null) {
            read(text).forEach((key, value) -> tags.put(key, value.getValueType() == JsonValue.ValueType.STRING
                    ? ((jakarta.json.JsonString) value).getString() : value.toString()));
        }
        return tags;
    }

    public static String definedToJson(Map<String, Map<String, Object>> tags) {
        if (tags == null) {
            return null;
        }
        int count = 0;
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (Map.Entry<String, Map<String, Object>> namespace : tags.entrySet()) {
            checkKey("definedTags", namespace.getKey());
            JsonObjectBuilder keys = Json.createObjectBuilder();
            Map<String, Object> values = namespace.getValue() == null ? Map.of() : namespace.getValue();
            for (Map.Entry<String, Object> tag : values.entrySet()) {
                checkKey("definedTags", tag.getKey());
                count++;
                Object value = tag.getValue();
                if (value == null || value instanceof String) {
                    checkValue("definedTags", tag.getKey(), (String) value);
                    keys.add(tag.getKey(), value == null ? "" : (String) value);
                } else if (value instanceof Number number) {
                    keys.add(tag.getKey(), new BigDecimal(number.toString()));
                } else if (value instanceof Boolean flag) {
                    keys.add(tag.getKey(), flag);
                } else {
                    throw CofferException.invalid("definedTags." + namespace.getKey() + "." + tag.getKey()
                            + " must be a string, a number or a boolean");
                }
            }
            json.add(namespace.getKey(), keys);
        }
        check(count, "definedTags");
        return json.build().toString();
    }

    public static Map<String, Map<String, Object>> definedFromJson(String text) {
        Map<String, Map<String, Object>> tags = new LinkedHashMap<>();
        if (text != null) {
            read(text).forEach((namespace, keys) -> {
                Map<String, Object> values = new LinkedHashMap<>();
                keys.asJsonObject().forEach((key, value) -> values.put(key, switch (value.getValueType()) {
                    case STRING -> ((jakarta.json.JsonString) value).getString();
                    case NUMBER -> ((jakarta.json.JsonNumber) value).bigDecimalValue();
                    case TRUE -> Boolean.TRUE;
                    case FALSE -> Boolean.FALSE;
                    default -> null;
                }));
                tags.put(namespace, values);
            });
        }
        return tags;
    }

    private static JsonObject read(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void check(int count, String field) {
        if (count > MAX_TAGS) {
            throw CofferException.invalid(field + " may hold at most " + MAX_TAGS + " tags");
        }
    }

    private static void checkKey(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY || key.chars().anyMatch(c -> c <= ' ' || c == '.')) {
            throw CofferException.invalid(field + " keys are 1 to " + MAX_KEY + " characters without spaces or periods");
        }
    }

    private static void checkValue(String field, String key, String value) {
        if (value != null && value.length() > MAX_VALUE) {
            throw CofferException.invalid(field + "." + key + " is longer than " + MAX_VALUE + " characters");
        }
    }
}
