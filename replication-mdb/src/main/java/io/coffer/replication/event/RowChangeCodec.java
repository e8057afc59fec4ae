package io.coffer.replication.event;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire and log form of a {@link RowChange}: JSON with every value tagged by its type, so that a host writes back
 * exactly what the remote store holds. {@code {"table":"PROBE","op":"U","key":["ID"],"row":{"ID":["s","p-1"]}}}
 */
public final class RowChangeCodec {

    /**
     * Looked up once: {@code Json.createX} looks the provider up on every call, through the application's class
     * loader (a third of a host's CPU while it replayed or applied a backfill).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private RowChangeCodec() {}

    public static String encode(RowChange change) {
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        change.keyColumns().forEach(keys::add);
        JsonObjectBuilder row = JSON.createObjectBuilder();
        change.columns().forEach((column, value) -> row.add(column, encodeValue(column, value)));
        return JSON.createObjectBuilder()
                .add("table", change.table())
                .add("op", change.operation().code())
                .add("key", keys)
                .add("row", row)
                .build()
                .toString();
    }

    public static RowChange decode(String text) {
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        List<String> keys = new ArrayList<>();
        for (JsonValue key : json.getJsonArray("key")) {
            keys.add(((JsonString) key).getString());
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        json.getJsonObject("row").forEach((column, value) -> columns.put(column, decodeValue(column, value)));
        return new RowChange(json.getString("table"), Operation.ofCode(json.getString("op")), keys, columns);
    }

    private static JsonValue encodeValue(String column, Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        JsonArrayBuilder tagged = JSON.createArrayBuilder();
        if (value instanceof String || value instanceof Character) {
            return tagged.add("s").add(value.toString()).build();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return tagged.add("l").add(((Number) value).longValue()).build();
        }
        if (value instanceof Double || value instanceof Float) {
            return tagged.add("d").add(((Number) value).doubleValue()).build();
        }
        if (value instanceof BigDecimal || value instanceof BigInteger) {
            return tagged.add("n").add(value.toString()).build();
        }
        if (value instanceof Boolean flag) {
            return tagged.add("b").add(flag).build();
        }
        if (value instanceof byte[] bytes) {
            return tagged.add("x")
                    .add(Base64.getEncoder().encodeToString(bytes))
                    .build();
        }
        if (value instanceof Timestamp timestamp) {
            return tagged.add("t").add(timestamp.toInstant().toString()).build();
        }
        if (value instanceof Instant instant) {
            return tagged.add("t").add(instant.toString()).build();
        }
        if (value instanceof Date date) {
            return tagged.add("date").add(date.toLocalDate().toString()).build();
        }
        if (value instanceof LocalDate date) {
            return tagged.add("date").add(date.toString()).build();
        }
        throw new IllegalArgumentException(
                "column " + column + " holds a " + value.getClass().getName()
                        + ", which replication does not carry; map it to a string, number, boolean, bytes or instant");
    }

    private static Object decodeValue(String column, JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        JsonArray tagged = value.asJsonArray();
        String tag = tagged.getString(0);
        return switch (tag) {
            case "s" -> tagged.getString(1);
            case "l" -> tagged.getJsonNumber(1).longValueExact();
            case "d" -> ((JsonNumber) tagged.get(1)).doubleValue();
            case "n" -> new BigDecimal(tagged.getString(1));
            case "b" -> tagged.getBoolean(1);
            case "x" -> Base64.getDecoder().decode(tagged.getString(1));
            case "t" -> Instant.parse(tagged.getString(1));
            case "date" -> LocalDate.parse(tagged.getString(1));
            default -> throw new IllegalArgumentException("column " + column + " has an unknown value tag " + tag);
        };
    }
}
