package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.throttling.control.RequestThrottle.Decision;
import io.coffer.throttling.entity.Limits;
import io.coffer.throttling.entity.OperationClass;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestThrottleTest {

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final Map<String, Integer> admitted = new HashMap<>();
    private final Map<String, Integer> throttled = new HashMap<>();
    private final RequestThrottle.Outcomes outcomes = new RequestThrottle.Outcomes() {
        @Override
        public void admitted(String tenancyId, OperationClass operation) {
            admitted.merge(tenancyId + "/" + operation.label(), 1, Integer::sum);
        }

        @Override
        public void throttled(String tenancyId, OperationClass operation, boolean byServiceLimit) {
            throttled.merge(tenancyId + "/" + operation.label() + (byServiceLimit ? "/service" : ""), 1, Integer::sum);
        }
    };

    private static LimitsSnapshot limits(
            boolean enforced, Limits defaults, Limits service, Map<String, Limits> tenancies) {
        return new LimitsSnapshot(
                enforced,
                defaults.orElse(LimitsSnapshot.BUILT_IN_TENANCY_DEFAULTS),
                service.orElse(LimitsSnapshot.BUILT_IN_SERVICE),
                tenancies);
    }

    @Test
    void aTenancyOverItsLimitIsRefusedWhileAnotherIsNot() {
        RequestThrottle throttle = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(true, Limits.UNSET, Limits.UNSET, Map.of("noisy", new Limits(10L, null, null, 1L))));
        for (int i = 0; i < 50; i++) {
            throttle.admit("noisy", OperationClass.DATA_PLANE_READ);
            assertThat(throttle.admit("quiet", OperationClass.DATA_PLANE_READ).admitted())
                    .isTrue();
        }
        assertThat(admitted).containsEntry("noisy/data-plane-read", 10).containsEntry("quiet/data-plane-read", 50);
        assertThat(throttled).containsOnly(Map.entry("noisy/data-plane-read", 40));
        Decision refused = throttle.admit("noisy", OperationClass.DATA_PLANE_READ);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.byServiceLimit()).isFalse();
    }

    @Test
    void classesHaveBucketsOfTheirOwn() {
        RequestThrottle throttle = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(true, new Limits(1L, 1L, 1L, 1L), Limits.UNSET, Map.of()));
        for (OperationClass operation : OperationClass.values()) {
            assertThat(throttle.admit("t", operation).admitted())
                    .as(operation.label())
                    .isTrue();
            assertThat(throttle.admit("t", operation).admitted())
                    .as(operation.label())
                    .isFalse();
        }
    }

    @Test
    void theServiceLimitHoldsForEveryTenancyTogetherAndSpendsNothingOfARefusedTenancy() {
        RequestThrottle throttle = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(true, new Limits(5L, null, null, 1L), new Limits(null, null, 8L, 1L), Map.of()));
        int admittedWrites = 0;
        for (int i = 0; i < 20; i++) {
            for (String tenancy : new String[] {"a", "b", "c"}) {
                if (throttle.admit(tenancy, OperationClass.CONTROL_PLANE_WRITE).admitted()) {
                    admittedWrites++;
                }
            }
        }
        assertThat(admittedWrites).isEqualTo(8);
        assertThat(throttled.keySet()).anyMatch(key -> key.endsWith("/service"));
        // a tenancy over its own limit does not spend the service's tokens
        RequestThrottle fresh = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(true, new Limits(null, null, 2L, 1L), new Limits(null, null, 5L, 1L), Map.of()));
        for (int i = 0; i < 100; i++) {
            fresh.admit("noisy", OperationClass.CONTROL_PLANE_WRITE);
        }
        int quietAdmitted = 0;
        for (int i = 0; i < 2; i++) {
            if (fresh.admit("quiet", OperationClass.CONTROL_PLANE_WRITE).admitted()) {
                quietAdmitted++;
            }
        }
        assertThat(quietAdmitted).isEqualTo(2);
    }

    @Test
    void throttlingSwitchedOffAdmitsEverythingAndStillCounts() {
        RequestThrottle throttle = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(false, new Limits(1L, 1L, 1L, 1L), Limits.UNSET, Map.of()));
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.admit("t", OperationClass.DATA_PLANE_READ).admitted())
                    .isTrue();
        }
        assertThat(admitted).containsEntry("t/data-plane-read", 100);
    }

    @Test
    void raisedLimitsApplyAtOnce() {
        LocalBuckets buckets = new LocalBuckets(clock);
        RequestThrottle throttle = new RequestThrottle(
                buckets,
                clock,
                outcomes,
                limits(true, Limits.UNSET, Limits.UNSET, Map.of("a", new Limits(2L, null, null, 1L))));
        throttle.admit("a", OperationClass.DATA_PLANE_READ);
        throttle.admit("a", OperationClass.DATA_PLANE_READ);
        assertThat(throttle.admit("a", OperationClass.DATA_PLANE_READ).admitted())
                .isFalse();
        throttle.follow(limits(true, Limits.UNSET, Limits.UNSET, Map.of("a", new Limits(1_000L, null, null, 1L))));
        // the bucket owes 1 s at the old rate; at the new one it refills within that second
        clock.advance(1_000);
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.admit("a", OperationClass.DATA_PLANE_READ).admitted())
                    .isTrue();
        }
    }

    @Test
    void aTenancyKnownToBeOverItsLimitIsRefusedEarlyUntilItsNextTokenIsDue() {
        RequestThrottle throttle = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(true, Limits.UNSET, Limits.UNSET, Map.of("noisy", new Limits(10L, null, null, 1L))));
        // nothing known yet: not refused early, and nothing is kept for a tenancy never seen
        assertThat(throttle.refusedEarly("noisy", OperationClass.DATA_PLANE_READ))
                .isEmpty();
        assertThat(throttle.refusedEarly("forged", OperationClass.DATA_PLANE_READ))
                .isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.admit("noisy", OperationClass.DATA_PLANE_READ).admitted())
                    .isTrue();
        }
        // tokens spent but the bucket not yet found empty: the request must go to admit
        assertThat(throttle.refusedEarly("noisy", OperationClass.DATA_PLANE_READ))
                .isEmpty();
        assertThat(throttle.admit("noisy", OperationClass.DATA_PLANE_READ).admitted())
                .isFalse();

        Decision early =
                throttle.refusedEarly("noisy", OperationClass.DATA_PLANE_READ).orElseThrow();
        assertThat(early.admitted()).isFalse();
        assertThat(early.retryAfterSeconds()).isEqualTo(1);
        assertThat(throttle.refusedEarly("noisy", OperationClass.CONTROL_PLANE_READ))
                .as("another class of the same tenancy")
                .isEmpty();
        assertThat(throttled).containsEntry("noisy/data-plane-read", 2);

        clock.advance(100);
        assertThat(throttle.refusedEarly("noisy", OperationClass.DATA_PLANE_READ))
                .as("the next token is due")
                .isEmpty();
        assertThat(throttle.admit("noisy", OperationClass.DATA_PLANE_READ).admitted())
                .isTrue();
    }

    @Test
    void nothingIsRefusedEarlyWhileThrottlingIsOff() {
        RequestThrottle throttle = new RequestThrottle(
                new LocalBuckets(clock),
                clock,
                outcomes,
                limits(true, Limits.UNSET, Limits.UNSET, Map.of("noisy", new Limits(1L, null, null, 1L))));
        throttle.admit("noisy", OperationClass.DATA_PLANE_READ);
        throttle.admit("noisy", OperationClass.DATA_PLANE_READ);
        assertThat(throttle.refusedEarly("noisy", OperationClass.DATA_PLANE_READ))
                .isPresent();
        throttle.follow(limits(false, Limits.UNSET, Limits.UNSET, Map.of("noisy", new Limits(1L, null, null, 1L))));
        assertThat(throttle.refusedEarly("noisy", OperationClass.DATA_PLANE_READ))
                .isEmpty();
    }
}
