package io.coffer.shard.control;

import io.coffer.platform.failure.CofferException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * The body of an operator's switch that is one flag, {@code {"<field>": true|false}} and nothing else, read strictly:
 * a missing, mistyped or unknown field is the operator's mistake and changes nothing. (The JSON binder took {@code {}}
 * for {@code false}: an empty body would have switched capture off, or closed a shard.)
 */
public final class FlagBody {

    private FlagBody() {}

    public static boolean read(String body, String field) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException malformed) {
            throw CofferException.invalid("the body must be a JSON object: {\"" + field + "\": true|false}");
        }
        for (String name : json.keySet()) {
            if (!name.equals(field)) {
                throw CofferException.invalid("unknown field '" + name + "'; the only field is " + field);
            }
        }
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw CofferException.missing(field);
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw CofferException.invalid(field + " must be true or false");
    }
}
