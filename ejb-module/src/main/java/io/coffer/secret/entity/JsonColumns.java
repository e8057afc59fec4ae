package io.coffer.secret.entity;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.Type;

/** The JSON text of the aggregate's structured columns (tags, rules, rotation, generation), written with JSON-B. */
final class JsonColumns {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonColumns() {}

    static String write(Object value) {
        return value == null ? null : JSONB.toJson(value);
    }

    static <T> T read(String json, Type type) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSONB.fromJson(json, type);
        } catch (JsonbException e) {
            throw new IllegalStateException("stored JSON column cannot be read as " + type.getTypeName(), e);
        }
    }
}
