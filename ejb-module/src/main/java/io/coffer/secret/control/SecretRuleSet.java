package io.coffer.secret.control;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.platform.failure.InvalidParameterException;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretRule;
import io.coffer.secret.entity.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret's rules, validated: at most one expiry rule and one reuse rule (OCI: "at most, you can have one of each").
 *
 * <p>Expiry (OCI {@code SecretExpiryRule}): {@code secretVersionExpiryInterval} is an ISO 8601 period in whole days,
 * {@code P1D} to {@code P90D}; {@code timeOfAbsoluteExpiry} lies between 1 and 365 days after the rule is set; at least
 * one of them is given. A version expires at its creation time plus the interval, or at the absolute time if that
 * comes first. With {@code isSecretContentRetrievalBlockedOnExpiry}, the content of an expired version is not handed
 * out until the rule is changed.
 *
 * <p>Reuse (OCI {@code SecretReuseRule}): new content must differ from the content of every version of the secret
 * that still exists, and with {@code isEnforcedOnDeletedSecretVersions} also from deleted versions.
 */
public final class SecretRuleSet {

    public static final int MIN_EXPIRY_DAYS = 1;
    public static final int MAX_EXPIRY_DAYS = 90;
    public static final Duration MIN_ABSOLUTE_EXPIRY = Duration.ofDays(1);
    public static final Duration MAX_ABSOLUTE_EXPIRY = Duration.ofDays(365);

    private static final Pattern DAYS = Pattern.compile("P(\\d{1,4})D");

    private final List<SecretRule> rules;
    private final Duration expiryInterval;
    private final Instant absoluteExpiry;
    private final boolean retrievalBlockedOnExpiry;
    private final boolean reuseRule;
    private final boolean reuseIncludesDeleted;

    private SecretRuleSet(
            List<SecretRule> rules,
            Duration expiryInterval,
            Instant absoluteExpiry,
            boolean retrievalBlockedOnExpiry,
            boolean reuseRule,
            boolean reuseIncludesDeleted) {
        this.rules = List.copyOf(rules);
        this.expiryInterval = expiryInterval;
        this.absoluteExpiry = absoluteExpiry;
        this.retrievalBlockedOnExpiry = retrievalBlockedOnExpiry;
        this.reuseRule = reuseRule;
        this.reuseIncludesDeleted = reuseIncludesDeleted;
    }

    public static SecretRuleSet none() {
        return new SecretRuleSet(List.of(), null, null, false, false, false);
    }

    /** Rules from a request, checked against OCI's bounds at {@code now}; null means no rules. */
    public static SecretRuleSet validate(List<SecretRule> requested, Instant now) {
        return build(requested, now);
    }

    /** The rules a secret already has (validated when they were set). */
    public static SecretRuleSet of(Secret secret) {
        return build(secret.secretRules(), null);
    }

    private static SecretRuleSet build(List<SecretRule> requested, Instant now) {
        if (requested == null || requested.isEmpty()) {
            return none();
        }
        List<SecretRule> normalised = new ArrayList<>();
        Duration interval = null;
        Instant absolute = null;
        boolean blocked = false;
        boolean reuse = false;
        boolean reuseDeleted = false;
        boolean expiry = false;
        for (int i = 0; i < requested.size(); i++) {
            SecretRule rule = requested.get(i);
            String field = "secretRules[" + i + "]";
            if (rule == null) {
                throw CofferException.invalid(field + " must not be null");
            }
            if (rule.ruleType() == null) {
                throw CofferException.missing(field + ".ruleType");
            }
            switch (rule.ruleType()) {
                case SecretRule.EXPIRY -> {
                    if (expiry) {
                        throw CofferException.invalid("secretRules may contain at most one SECRET_EXPIRY_RULE");
                    }
                    expiry = true;
                    if (rule.isEnforcedOnDeletedSecretVersions() != null) {
                        throw notOfType(field, "isEnforcedOnDeletedSecretVersions", SecretRule.EXPIRY);
                    }
                    interval = interval(field + ".secretVersionExpiryInterval", rule.secretVersionExpiryInterval());
                    absolute = Rfc3339.parse(field + ".timeOfAbsoluteExpiry", rule.timeOfAbsoluteExpiry());
                    if (interval == null && absolute == null) {
                        throw CofferException.invalid(
                                field + " needs secretVersionExpiryInterval, " + "timeOfAbsoluteExpiry or both");
                    }
                    if (absolute != null && now != null) {
                        if (absolute.isBefore(now.plus(MIN_ABSOLUTE_EXPIRY))
                                || absolute.isAfter(now.plus(MAX_ABSOLUTE_EXPIRY))) {
                            throw CofferException.invalid(field + ".timeOfAbsoluteExpiry must be between 1 and 365 "
                                    + "days from now, not " + Rfc3339.format(absolute));
                        }
                    }
                    blocked = Boolean.TRUE.equals(rule.isSecretContentRetrievalBlockedOnExpiry());
                    normalised.add(
                            SecretRule.expiry(rule.secretVersionExpiryInterval(), Rfc3339.format(absolute), blocked));
                }
                case SecretRule.REUSE -> {
                    if (reuse) {
                        throw CofferException.invalid("secretRules may contain at most one SECRET_REUSE_RULE");
                    }
                    reuse = true;
                    if (rule.secretVersionExpiryInterval() != null) {
                        throw notOfType(field, "secretVersionExpiryInterval", SecretRule.REUSE);
                    }
                    if (rule.timeOfAbsoluteExpiry() != null) {
                        throw notOfType(field, "timeOfAbsoluteExpiry", SecretRule.REUSE);
                    }
                    if (rule.isSecretContentRetrievalBlockedOnExpiry() != null) {
                        throw notOfType(field, "isSecretContentRetrievalBlockedOnExpiry", SecretRule.REUSE);
                    }
                    reuseDeleted = Boolean.TRUE.equals(rule.isEnforcedOnDeletedSecretVersions());
                    normalised.add(SecretRule.reuse(reuseDeleted));
                }
                default ->
                    throw CofferException.invalid(field + ".ruleType must be SECRET_EXPIRY_RULE or "
                            + "SECRET_REUSE_RULE, not '" + rule.ruleType() + "'");
            }
        }
        return new SecretRuleSet(normalised, interval, absolute, blocked, reuse, reuseDeleted);
    }

    private static Duration interval(String field, String text) {
        if (text == null) {
            return null;
        }
        Matcher days = DAYS.matcher(text);
        if (!days.matches()) {
            throw CofferException.invalid(
                    field + " must be an ISO 8601 period in days such as P30D, not '" + text + "'");
        }
        int count = Integer.parseInt(days.group(1));
        if (count < MIN_EXPIRY_DAYS || count > MAX_EXPIRY_DAYS) {
            throw CofferException.invalid(field + " must be between P1D and P90D, not " + text);
        }
        return Duration.ofDays(count);
    }

    private static CofferException notOfType(String field, String property, String type) {
        return CofferException.invalid(field + "." + property + " is not a property of " + type);
    }

    /** The rules as stored and echoed, with defaults made explicit. */
    public List<SecretRule> rules() {
        return rules;
    }

    /** When a version created at {@code created} expires under these rules; null if it never does. */
    public Instant expiryOf(Instant created) {
        Instant byInterval = expiryInterval == null ? null : created.plus(expiryInterval);
        if (byInterval == null) {
            return absoluteExpiry;
        }
        return absoluteExpiry == null || byInterval.isBefore(absoluteExpiry) ? byInterval : absoluteExpiry;
    }

    public boolean retrievalBlockedOnExpiry() {
        return retrievalBlockedOnExpiry;
    }

    public boolean hasReuseRule() {
        return reuseRule;
    }

    public boolean reuseIncludesDeletedVersions() {
        return reuseIncludesDeleted;
    }

    /**
     * Refuses new content that the reuse rule forbids: content equal to that of an existing version, or of a deleted
     * one when the rule says so. The matcher (the encryption layer's) does the comparing; Coffer never holds two
     * plaintexts side by side here.
     */
    public void checkReuse(Secret secret, List<SecretVersion> versions, byte[] candidate, PriorContentMatcher matcher) {
        if (!reuseRule) {
            return;
        }
        for (SecretVersion prior : versions) {
            if (prior.isDeleted() && !reuseIncludesDeleted) {
                continue;
            }
            if (matcher.matches(secret, prior, candidate)) {
                throw new InvalidParameterException("The secret reuse rule of secret "
                        + secret.id() + " forbids this content: an earlier version"
                        + (prior.isDeleted() ? " (since deleted)" : "") + " of the secret already had it");
            }
        }
    }

    /**
     * Refuses to hand out the content of a version that has expired when the expiry rule blocks retrieval on expiry:
     * the data plane calls this before it decrypts.
     */
    public void checkRetrievable(Secret secret, SecretVersion version, Instant now) {
        if (retrievalBlockedOnExpiry && version.isExpired(now)) {
            throw new IncorrectStateException("Secret version " + version.versionNumber()
                    + " of secret " + secret.id() + " expired at " + Rfc3339.format(version.timeOfExpiry())
                    + " and the secret's expiry rule blocks content retrieval on expiry; change the rule to read it");
        }
    }
}
