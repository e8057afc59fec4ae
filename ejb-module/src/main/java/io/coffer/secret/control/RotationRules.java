package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.routing.entity.Ocids;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.TargetSystemDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret's {@code rotationConfig} (OCI {@code RotationConfig}): {@code rotationInterval} an ISO 8601 period of 1 to
 * 360 days ({@code P1D}…{@code P360D}), required when {@code isScheduledRotationEnabled} is true; target system
 * {@code ADB} with {@code adbId} or {@code FUNCTION} with {@code functionId}, each an OCID. Coffer stores and echoes
 * the target system but cannot reach one, so scheduled rotation is allowed only for auto-generated secrets.
 */
public final class RotationRules {

    public static final int MIN_INTERVAL_DAYS = 1;
    public static final int MAX_INTERVAL_DAYS = 360;

    private static final Pattern DAYS = Pattern.compile("P(\\d{1,4})D");

    private RotationRules() {}

    /** The configuration as stored and echoed, with {@code isScheduledRotationEnabled} explicit. */
    public static RotationConfig validate(RotationConfig config) {
        String field = "rotationConfig";
        if (config.rotationInterval() != null) {
            interval(config.rotationInterval());
        } else if (config.scheduled()) {
            throw CofferException.missing(
                    field + ".rotationInterval (required when isScheduledRotationEnabled is true)");
        }
        TargetSystemDetails target = config.targetSystemDetails();
        if (target != null) {
            String targetField = field + ".targetSystemDetails";
            if (target.targetSystemType() == null) {
                throw CofferException.missing(targetField + ".targetSystemType");
            }
            switch (target.targetSystemType()) {
                case TargetSystemDetails.ADB -> {
                    requireOcid(targetField + ".adbId", target.adbId());
                    if (target.functionId() != null) {
                        throw CofferException.invalid(targetField + ".functionId is not a property of ADB");
                    }
                }
                case TargetSystemDetails.FUNCTION -> {
                    requireOcid(targetField + ".functionId", target.functionId());
                    if (target.adbId() != null) {
                        throw CofferException.invalid(targetField + ".adbId is not a property of FUNCTION");
                    }
                }
                default ->
                    throw CofferException.invalid(targetField + ".targetSystemType must be ADB or FUNCTION, not '"
                            + target.targetSystemType() + "'");
            }
        }
        return new RotationConfig(config.rotationInterval(), target, config.scheduled());
    }

    /** Scheduled rotation needs something Coffer can rotate: content it generates itself. */
    public static void requireRotatable(RotationConfig config, boolean autoGenerationEnabled) {
        if (config != null && config.scheduled() && !autoGenerationEnabled) {
            throw CofferException.invalid("rotationConfig.isScheduledRotationEnabled needs enableAutoGeneration: "
                    + "Coffer rotates only content it generates, it cannot reach a target system");
        }
    }

    /** When the next scheduled rotation happens after a rotation (or configuration) at {@code from}; null if none. */
    public static Instant nextRotation(RotationConfig config, Instant from) {
        if (config == null || !config.scheduled()) {
            return null;
        }
        return from.plus(interval(config.rotationInterval()));
    }

    static Duration interval(String text) {
        Matcher days = DAYS.matcher(text);
        if (!days.matches()) {
            throw CofferException.invalid("rotationConfig.rotationInterval must be an ISO 8601 period in days such as "
                    + "P30D, not '" + text + "'");
        }
        int count = Integer.parseInt(days.group(1));
        if (count < MIN_INTERVAL_DAYS || count > MAX_INTERVAL_DAYS) {
            throw CofferException.invalid("rotationConfig.rotationInterval must be between P1D and P360D, not " + text);
        }
        return Duration.ofDays(count);
    }

    private static void requireOcid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw CofferException.missing(field);
        }
        if (!Ocids.looksLikeOcid(value)) {
            throw CofferException.invalid(field + " is not an OCID: '" + value + "'");
        }
    }
}
