package io.coffer.throttling.control;

import io.coffer.throttling.entity.OperationClass;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits or refuses one request of a tenancy: first against the tenancy's bucket of the request's class, then
 * against the service-wide bucket of that class (in that order, so a tenancy over its own limit never spends the
 * service's tokens). Buckets are shared through {@link SharedBuckets}; this host's batches of them are its
 * {@link HostAllowance}s, dropped whenever the limits change.
 */
public final class RequestThrottle {

    /** What happened to a request. */
    public record Decision(boolean admitted, long retryAfterSeconds, boolean byServiceLimit) {

        static final Decision ADMITTED = new Decision(true, 0, false);
    }

    /** Where admissions and refusals are counted. */
    public interface Outcomes {

        void admitted(String tenancyId, OperationClass operation);

        void throttled(String tenancyId, OperationClass operation, boolean byServiceLimit);
    }

    private static final OperationClass[] OPERATIONS = OperationClass.values();

    /** This host's allowances under one snapshot of the limits. */
    private record Allowances(
            LimitsSnapshot limits, ConcurrentHashMap<String, HostAllowance[]> tenancies, HostAllowance[] service) {

        Allowances(LimitsSnapshot limits) {
            this(limits, new ConcurrentHashMap<>(), fresh());
        }

        HostAllowance tenancy(String tenancyId, OperationClass operation) {
            return tenancies.computeIfAbsent(tenancyId, id -> fresh())[operation.ordinal()];
        }

        static HostAllowance[] fresh() {
            HostAllowance[] allowances = new HostAllowance[OPERATIONS.length];
            for (int i = 0; i < allowances.length; i++) {
                allowances[i] = new HostAllowance();
            }
            return allowances;
        }
    }

    private final SharedBuckets buckets;
    private final Clock clock;
    private final Outcomes outcomes;
    private volatile Allowances current;

    public RequestThrottle(SharedBuckets buckets, Clock clock, Outcomes outcomes, LimitsSnapshot limits) {
        this.buckets = buckets;
        this.clock = clock;
        this.outcomes = outcomes;
        this.current = new Allowances(limits);
    }

    public Decision admit(String tenancyId, OperationClass operation) {
        Allowances allowances = current;
        LimitsSnapshot limits = allowances.limits();
        if (!limits.enforced()) {
            outcomes.admitted(tenancyId, operation);
            return Decision.ADMITTED;
        }
        Rate tenancyRate = limits.tenancyRate(tenancyId, operation);
        HostAllowance.Admission own = allowances
                .tenancy(tenancyId, operation)
                .acquire(
                        nowMicros(),
                        tenancyRate,
                        wanted -> buckets.take("tenancy|" + tenancyId + "|" + operation.label(), tenancyRate, wanted));
        if (!own.admitted()) {
            outcomes.throttled(tenancyId, operation, false);
            return new Decision(false, own.retryAfterSeconds(), false);
        }
        Rate serviceRate = limits.serviceRate(operation);
        HostAllowance.Admission service = allowances.service()[operation.ordinal()].acquire(
                nowMicros(), serviceRate, wanted -> buckets.take("service|" + operation.label(), serviceRate, wanted));
        if (!service.admitted()) {
            outcomes.throttled(tenancyId, operation, true);
            return new Decision(false, service.retryAfterSeconds(), true);
        }
        outcomes.admitted(tenancyId, operation);
        return Decision.ADMITTED;
    }

    /**
     * A refusal this host can decide before the request is authenticated, from what it already knows: the tenancy's
     * bucket of this class was found empty and its next token is not due yet, so {@link #admit} would refuse it too.
     * Never an admission, and nothing is created for a tenancy this host has not throttled yet (a forged tenancy id
     * costs no memory). A request not refused here still goes through {@link #admit}.
     */
    public Optional<Decision> refusedEarly(String tenancyId, OperationClass operation) {
        Allowances allowances = current;
        LimitsSnapshot limits = allowances.limits();
        if (!limits.enforced()) {
            return Optional.empty();
        }
        HostAllowance[] known = allowances.tenancies().get(tenancyId);
        if (known == null) {
            return Optional.empty();
        }
        long waitMicros =
                known[operation.ordinal()].knownEmptyMicros(nowMicros(), limits.tenancyRate(tenancyId, operation));
        if (waitMicros <= 0) {
            return Optional.empty();
        }
        outcomes.throttled(tenancyId, operation, false);
        return Optional.of(new Decision(false, RetryAfter.seconds(waitMicros), false));
    }

    public LimitsSnapshot limits() {
        return current.limits();
    }

    /** Takes new limits: this host's batches, taken under the old ones, are dropped. */
    public void follow(LimitsSnapshot limits) {
        if (!limits.equals(current.limits())) {
            current = new Allowances(limits);
        }
    }

    private long nowMicros() {
        return clock.millis() * 1000;
    }
}
