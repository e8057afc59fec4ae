package io.coffer.shard.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.OneFieldBody;
import jakarta.json.JsonValue;

/**
 * The body of an operator's switch that is one flag, {@code {"<field>": true|false}} and nothing else, read strictly:
 * a missing, mistyped or unknown field is the operator's mistake and changes nothing. (The JSON binder took {@code {}}
 * for {@code false}: an empty body would have switched capture off, or closed a shard.)
 */
public final class FlagBody {

    private FlagBody() {}

    public static boolean read(String body, String field) {
        JsonValue value = OneFieldBody.read(body, field, "{\"" + field + "\": true|false}")
                .orElseThrow(() -> CofferException.missing(field));
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw CofferException.invalid(field + " must be true or false");
    }
}
