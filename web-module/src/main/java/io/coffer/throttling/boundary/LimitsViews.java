package io.coffer.throttling.boundary;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.throttling.entity.LimitSet;
import io.coffer.throttling.entity.Limits;
import io.coffer.throttling.entity.OperationClass;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;

/** The JSON of limits, written field by field so that an unset value shows as {@code null} (the default). */
final class LimitsViews {

    private LimitsViews() {}

    static JsonObjectBuilder limits(Limits limits) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (OperationClass operation : OperationClass.values()) {
            number(json, operation.field(), limits.perSecond(operation));
        }
        number(json, "burstSeconds", limits.burstSeconds());
        return json;
    }

    static JsonObjectBuilder changed(JsonObjectBuilder json, Optional<LimitSet> row) {
        row.ifPresentOrElse(
                set -> json.add("updatedAt", Rfc3339.format(set.updatedAt())).add("updatedBy", set.updatedBy()),
                () -> json.addNull("updatedAt").addNull("updatedBy"));
        return json;
    }

    private static void number(JsonObjectBuilder json, String field, Long value) {
        if (value == null) {
            json.addNull(field);
        } else {
            json.add(field, value);
        }
    }
}
