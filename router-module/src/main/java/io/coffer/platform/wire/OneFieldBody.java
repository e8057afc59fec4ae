package io.coffer.platform.wire;

import io.coffer.platform.failure.CofferException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * A request body that is a JSON object with one field, read strictly: not an object, or a field of another name, is
 * the caller's mistake (400) and changes nothing. A binder that ignores what it does not know, and defaults what is
 * missing, would turn a typo into an action.
 */
public final class OneFieldBody {

    private OneFieldBody() {}

    /** @return the field's value; empty when the field is absent or null */
    public static Optional<JsonValue> read(String body, String field, String example) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException malformed) {
            throw CofferException.invalid("the body must be a JSON object: " + example);
        }
        for (String name : json.keySet()) {
            if (!name.equals(field)) {
                throw CofferException.invalid("unknown field '" + name + "'; the only field is " + field);
            }
        }
        JsonValue value = json.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                ? Optional.empty()
                : Optional.of(value);
    }
}
