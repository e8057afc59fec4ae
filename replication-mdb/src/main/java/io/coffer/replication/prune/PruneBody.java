package io.coffer.replication.prune;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.wire.OneFieldBody;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
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
        Optional<JsonValue> retention = OneFieldBody.read(body, FIELD, "{\"" + FIELD + "\": n}");
        if (retention.isEmpty()) {
            return Optional.empty();
        }
        JsonValue value = retention.get();
        if (!(value instanceof JsonNumber number)
                || !number.isIntegral()
                || number.bigIntegerValue().signum() < 0
                || number.bigIntegerValue().bitLength() > 40) {
            throw CofferException.invalid(FIELD + " must be a whole number of seconds, 0 or more");
        }
        return Optional.of(Duration.ofSeconds(number.longValue()));
    }
}
