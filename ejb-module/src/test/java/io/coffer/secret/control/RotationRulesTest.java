package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Ocids;
import io.coffer.secret.entity.RotationConfig;
import io.coffer.secret.entity.TargetSystemDetails;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RotationRulesTest {

    private static final String ADB = Ocids.newId("autonomousdatabase");
    private static final String FUNCTION = Ocids.newId("fnfunc");

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "P90D", "P360D"})
    void intervalsOfOneTo360DaysAreAccepted(String interval) {
        assertThat(RotationRules.validate(new RotationConfig(interval, null, true))
                        .rotationInterval())
                .isEqualTo(interval);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "P361D"})
    void intervalsOutsideTheRangeAreRefused(String interval) {
        assertRefused(
                () -> RotationRules.validate(new RotationConfig(interval, null, true)),
                ErrorCode.INVALID_PARAMETER,
                "rotationConfig.rotationInterval must be between P1D and P360D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "PT1H", "weekly"})
    void intervalsNotInDaysAreRefused(String interval) {
        assertRefused(
                () -> RotationRules.validate(new RotationConfig(interval, null, false)),
                ErrorCode.INVALID_PARAMETER,
                "must be an ISO 8601 period in days");
    }

    @Test
    void scheduledRotationNeedsAnInterval() {
        assertRefused(
                () -> RotationRules.validate(new RotationConfig(null, null, true)),
                ErrorCode.MISSING_PARAMETER,
                "rotationConfig.rotationInterval (required when isScheduledRotationEnabled is true) is required");
        assertThat(RotationRules.validate(new RotationConfig(null, null, null)).isScheduledRotationEnabled())
                .isFalse();
    }

    @Test
    void targetSystemsNeedTheirOwnIdentifier() {
        assertThat(RotationRules.validate(new RotationConfig("P7D", new TargetSystemDetails("ADB", ADB, null), false))
                        .targetSystemDetails()
                        .adbId())
                .isEqualTo(ADB);
        RotationRules.validate(new RotationConfig("P7D", new TargetSystemDetails("FUNCTION", null, FUNCTION), false));
        assertRefused(
                () -> RotationRules.validate(
                        new RotationConfig("P7D", new TargetSystemDetails("ADB", null, null), false)),
                ErrorCode.MISSING_PARAMETER,
                "rotationConfig.targetSystemDetails.adbId is required");
        assertRefused(
                () -> RotationRules.validate(
                        new RotationConfig("P7D", new TargetSystemDetails("FUNCTION", ADB, FUNCTION), false)),
                ErrorCode.INVALID_PARAMETER,
                "adbId is not a property of FUNCTION");
        assertRefused(
                () -> RotationRules.validate(
                        new RotationConfig("P7D", new TargetSystemDetails("ADB", "db1", null), false)),
                ErrorCode.INVALID_PARAMETER,
                "rotationConfig.targetSystemDetails.adbId is not an OCID");
        assertRefused(
                () -> RotationRules.validate(
                        new RotationConfig("P7D", new TargetSystemDetails("LAMBDA", null, null), false)),
                ErrorCode.INVALID_PARAMETER,
                "targetSystemType must be ADB or FUNCTION, not 'LAMBDA'");
        assertRefused(
                () -> RotationRules.validate(
                        new RotationConfig("P7D", new TargetSystemDetails(null, ADB, null), false)),
                ErrorCode.MISSING_PARAMETER,
                "targetSystemType is required");
    }

    @Test
    void scheduledRotationNeedsAutoGeneration() {
        RotationConfig scheduled = new RotationConfig("P7D", null, true);
        RotationRules.requireRotatable(scheduled, true);
        RotationRules.requireRotatable(new RotationConfig("P7D", null, false), false);
        RotationRules.requireRotatable(null, false);
        assertRefused(
                () -> RotationRules.requireRotatable(scheduled, false),
                ErrorCode.INVALID_PARAMETER,
                "isScheduledRotationEnabled needs enableAutoGeneration");
    }

    @Test
    void theNextRotationFollowsTheInterval() {
        assertThat(RotationRules.nextRotation(new RotationConfig("P7D", null, true), T0))
                .isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(RotationRules.nextRotation(new RotationConfig("P7D", null, false), T0))
                .isNull();
        assertThat(RotationRules.nextRotation(null, T0)).isNull();
    }
}
