package io.coffer.throttling.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.throttling.entity.Limits;
import io.coffer.throttling.entity.OperationClass;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the limits an operator sends, refusing anything doubtful before anything changes: a body that is not a JSON
 * object, a field Coffer does not know (a misspelt field must not silently mean "the default"), a value that is not a
 * whole number from 1 to {@value #MOST}, or null. A missing field or null means the default.
 */
public final class LimitsRequest {

    static final long MOST = 1_000_000;
    static final long MOST_BURST_SECONDS = 600;
    static final String BURST = "burstSeconds";

    private LimitsRequest() {}

    /** What {@code PUT /admin/v1/limits} takes: the tenancy defaults, the service-wide limits, and the switch. */
    public record ServiceLimits(boolean enforced, Limits tenancyDefaults, Limits service) {}

    public static Limits tenancy(String body) {
        return limits(object(body), "");
    }

    public static ServiceLimits service(String body) {
        JsonObject object = object(body);
        onlyKnown(object, Set.of("enabled", "tenancyDefaults", "service"), "");
        JsonValue enabled = object.get("enabled");
        if (enabled != null
                && enabled.getValueType() != JsonValue.ValueType.TRUE
                && enabled.getValueType() != JsonValue.ValueType.FALSE
                && enabled.getValueType() != JsonValue.ValueType.NULL) {
            throw CofferException.invalid("enabled must be true or false");
        }
        return new ServiceLimits(
                enabled == null || enabled.getValueType() != JsonValue.ValueType.FALSE,
                nested(object, "tenancyDefaults"),
                nested(object, "service"));
    }

    private static Limits nested(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Limits.UNSET;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw CofferException.invalid(name + " must be an object of limits");
        }
        return limits(value.asJsonObject(), name + ".");
    }

    private static Limits limits(JsonObject object, String prefix) {
        Set<String> known = new LinkedHashSet<>();
        for (OperationClass operation : OperationClass.values()) {
            known.add(operation.field());
        }
        known.add(BURST);
        onlyKnown(object, known, prefix);
        return new Limits(
                number(object, OperationClass.DATA_PLANE_READ.field(), prefix, MOST),
                number(object, OperationClass.CONTROL_PLANE_READ.field(), prefix, MOST),
                number(object, OperationClass.CONTROL_PLANE_WRITE.field(), prefix, MOST),
                number(object, BURST, prefix, MOST_BURST_SECONDS));
    }

    private static void onlyKnown(JsonObject object, Set<String> known, String prefix) {
        for (String field : object.keySet()) {
            if (!known.contains(field)) {
                throw CofferException.invalid(
                        "unknown field '" + prefix + field + "'; the fields are " + String.join(", ", known));
            }
        }
    }

    private static Long number(JsonObject object, String field, String prefix, long most) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String name = prefix + field;
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw CofferException.invalid(name + " must be a number (or null for the default), not " + value);
        }
        JsonNumber number = (JsonNumber) value;
        if (!number.isIntegral()) {
            throw CofferException.invalid(name + " must be a whole number, not " + value);
        }
        java.math.BigInteger whole = number.bigIntegerValue();
        if (whole.signum() <= 0 || whole.compareTo(java.math.BigInteger.valueOf(most)) > 0) {
            throw CofferException.invalid(name + " must be from 1 to " + most + ", not " + value);
        }
        return whole.longValue();
    }

    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw CofferException.missing("the limits");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw CofferException.invalid("the limits must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException malformed) {
            throw CofferException.invalid("the limits are not valid JSON");
        }
    }
}
