package io.coffer.replication.prune;

import io.coffer.platform.failure.CofferException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;

/**
 * The body of an operator's prune, read strictly: empty or {@code {}} for the configured retention, or {@code
 * {"olderThanSeconds": n}} with a whole n ≥ 0. Anything else is refused and prunes nothing.
 */
public final class PruneBody {

    private static final String FIELD = "olderThanSeconds";

    private PruneBody() {}

    public static Optional<Duration> retention(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException malformed) {
            throw CofferException.invalid("the body must be a JSON object: {\"" + FIELD + "\": n}");
        }
        for (String name : json.keySet()) {
            if (!name.equals(FIELD)) {
                throw CofferException.invalid("unknown field '" + name + "'; the only field is " + FIELD);
            }
        }
        JsonValue value = json.get(FIELD);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number)
                || !number.isIntegral()
                || number.bigIntegerValue().signum() < 0
                || number.bigIntegerValue().bitLength() > 40) {
            throw CofferException.invalid(FIELD + " must be a whole number of seconds, 0 or more");
        }
        return Optional.of(Duration.ofSeconds(number.longValue()));
    }
}
