package io.coffer.secret.control;

import static io.coffer.secret.control.SecretFixtures.T0;
import static io.coffer.secret.control.SecretFixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.platform.failure.ErrorCode;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRuleSetTest {

    private static String inDays(long days) {
        return Rfc3339.format(T0.plus(Duration.ofDays(days)));
    }

    @Test
    void noRulesMeanNoExpiryAndNoReuseCheck() {
        SecretRuleSet none = SecretRuleSet.validate(null, T0);
        assertThat(none.rules()).isEmpty();
        assertThat(none.expiryOf(T0)).isNull();
        assertThat(none.hasReuseRule()).isFalse();
        assertThat(SecretRuleSet.validate(List.of(), T0).rules()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1D", "P30D", "P90D"})
    void expiryIntervalsOfOneTo90DaysAreAccepted(String interval) {
        SecretRuleSet rules = SecretRuleSet.validate(List.of(SecretRule.expiry(interval, null, null)), T0);
        assertThat(rules.expiryOf(T0))
                .isEqualTo(T0.plus(Duration.parse("P" + interval.substring(1, interval.length() - 1) + "D")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "P91D", "P365D"})
    void expiryIntervalsOutsideOneTo90DaysAreRefused(String interval) {
        assertRefused(
                () -> SecretRuleSet.validate(List.of(SecretRule.expiry(interval, null, null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "secretRules[0].secretVersionExpiryInterval must be between P1D and P90D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1W", "PT24H", "P1M", "30", "P30d", ""})
    void expiryIntervalsNotInDaysAreRefused(String interval) {
        assertRefused(
                () -> SecretRuleSet.validate(List.of(SecretRule.expiry(interval, null, null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "must be an ISO 8601 period in days such as P30D");
    }

    @Test
    void absoluteExpiryLiesBetweenOneAnd365DaysAhead() {
        SecretRuleSet.validate(List.of(SecretRule.expiry(null, inDays(1), null)), T0);
        SecretRuleSet.validate(List.of(SecretRule.expiry(null, inDays(365), null)), T0);
        assertRefused(
                () -> SecretRuleSet.validate(
                        List.of(SecretRule.expiry(null, Rfc3339.format(T0.plus(Duration.ofHours(23))), null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "secretRules[0].timeOfAbsoluteExpiry must be between 1 and 365 days from now");
        assertRefused(
                () -> SecretRuleSet.validate(List.of(SecretRule.expiry(null, inDays(366), null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "between 1 and 365 days from now");
        assertRefused(
                () -> SecretRuleSet.validate(List.of(SecretRule.expiry(null, "next year", null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "secretRules[0].timeOfAbsoluteExpiry must be an RFC 3339 timestamp");
    }

    @Test
    void anExpiryRuleNeedsAnIntervalOrAnAbsoluteTime() {
        assertRefused(
                () -> SecretRuleSet.validate(List.of(SecretRule.expiry(null, null, true)), T0),
                ErrorCode.INVALID_PARAMETER,
                "needs secretVersionExpiryInterval, timeOfAbsoluteExpiry or both");
    }

    @Test
    void aVersionExpiresAtItsIntervalOrTheAbsoluteTimeWhicheverComesFirst() {
        SecretRuleSet both = SecretRuleSet.validate(List.of(SecretRule.expiry("P10D", inDays(15), false)), T0);
        assertThat(both.expiryOf(T0)).isEqualTo(T0.plus(Duration.ofDays(10)));
        assertThat(both.expiryOf(T0.plus(Duration.ofDays(8)))).isEqualTo(T0.plus(Duration.ofDays(15)));
        SecretRuleSet absolute = SecretRuleSet.validate(List.of(SecretRule.expiry(null, inDays(15), false)), T0);
        assertThat(absolute.expiryOf(T0.plus(Duration.ofDays(3)))).isEqualTo(T0.plus(Duration.ofDays(15)));
    }

    @Test
    void rulesAreStoredWithTheirDefaultsExplicit() {
        SecretRuleSet rules = SecretRuleSet.validate(
                List.of(
                        SecretRule.expiry("P3D", null, null),
                        new SecretRule("SECRET_REUSE_RULE", null, null, null, null)),
                T0);
        assertThat(rules.rules()).containsExactly(SecretRule.expiry("P3D", null, false), SecretRule.reuse(false));
        assertThat(rules.hasReuseRule()).isTrue();
        assertThat(rules.reuseIncludesDeletedVersions()).isFalse();
        assertThat(rules.retrievalBlockedOnExpiry()).isFalse();
    }

    @Test
    void atMostOneRuleOfEachTypeAndOnlyItsOwnProperties() {
        assertRefused(
                () -> SecretRuleSet.validate(List.of(SecretRule.reuse(true), SecretRule.reuse(false)), T0),
                ErrorCode.INVALID_PARAMETER,
                "at most one SECRET_REUSE_RULE");
        assertRefused(
                () -> SecretRuleSet.validate(
                        List.of(SecretRule.expiry("P1D", null, null), SecretRule.expiry("P2D", null, null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "at most one SECRET_EXPIRY_RULE");
        assertRefused(
                () -> SecretRuleSet.validate(List.of(new SecretRule("SECRET_REUSE_RULE", "P1D", null, null, null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "secretRules[0].secretVersionExpiryInterval is not a property of SECRET_REUSE_RULE");
        assertRefused(
                () -> SecretRuleSet.validate(
                        List.of(new SecretRule("SECRET_EXPIRY_RULE", "P1D", null, null, true)), T0),
                ErrorCode.INVALID_PARAMETER,
                "isEnforcedOnDeletedSecretVersions is not a property of " + "SECRET_EXPIRY_RULE");
        assertRefused(
                () -> SecretRuleSet.validate(
                        List.of(new SecretRule("SECRET_ROTATION_RULE", null, null, null, null)), T0),
                ErrorCode.INVALID_PARAMETER,
                "secretRules[0].ruleType must be SECRET_EXPIRY_RULE or SECRET_REUSE_RULE, not 'SECRET_ROTATION_RULE'");
        assertRefused(
                () -> SecretRuleSet.validate(List.of(new SecretRule(null, null, null, null, null)), T0),
                ErrorCode.MISSING_PARAMETER,
                "secretRules[0].ruleType is required");
        assertRefused(
                () -> SecretRuleSet.validate(Arrays.asList(SecretRule.reuse(true), null), T0),
                ErrorCode.INVALID_PARAMETER,
                "secretRules[1] must not be null");
    }

    @Test
    void anExpiredVersionIsUnreadableOnlyWhenTheRuleBlocksRetrieval() {
        Secret secret = new Secret("ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaa", "t", "c", "v", "k", "n", T0);
        SecretVersion version =
                new SecretVersion(secret.id(), 1, null, T0, false, new SealedContent(new byte[] {1}, "kv", null));
        version.expireAt(T0.plus(Duration.ofDays(1)));
        SecretRuleSet blocking = SecretRuleSet.validate(List.of(SecretRule.expiry("P1D", null, true)), T0);
        SecretRuleSet lenient = SecretRuleSet.validate(List.of(SecretRule.expiry("P1D", null, false)), T0);
        blocking.checkRetrievable(secret, version, T0.plus(Duration.ofHours(23)));
        lenient.checkRetrievable(secret, version, T0.plus(Duration.ofDays(2)));
        assertRefused(
                () -> blocking.checkRetrievable(secret, version, T0.plus(Duration.ofDays(1))),
                ErrorCode.INCORRECT_STATE,
                "Secret version 1 of secret " + secret.id()
                        + " expired at 2026-11-26T02:13:29.468Z and the secret's expiry rule blocks content retrieval");
    }

    @Test
    void storedRulesAreReadWithoutCheckingTheirWindowAgain() {
        Secret secret = new Secret("ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaa", "t", "c", "v", "k", "n", T0);
        secret.applyRules(List.of(SecretRule.expiry(null, "2020-01-01T00:00:00.000Z", true)));
        SecretRuleSet stored = SecretRuleSet.of(secret);
        assertThat(stored.expiryOf(T0)).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(stored.retrievalBlockedOnExpiry()).isTrue();
    }
}
