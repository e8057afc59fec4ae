package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.throttling.entity.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsRequestTest {

    @Test
    void everyFieldIsAWholeNumberOrNullForTheDefault() {
        Limits limits = LimitsRequest.tenancy(
                "{\"dataPlaneReadsPerSecond\": 20, \"controlPlaneReadsPerSecond\": null," + " \"burstSeconds\": 3}");
        assertThat(limits).isEqualTo(new Limits(20L, null, null, 3L));
        assertThat(LimitsRequest.tenancy("{}")).isEqualTo(Limits.UNSET);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"dataPlaneReadsPerSecond\": -1}",
                "{\"dataPlaneReadsPerSecond\": 0}",
                "{\"dataPlaneReadsPerSecond\": \"20\"}",
                "{\"dataPlaneReadsPerSecond\": 2.5}",
                "{\"dataPlaneReadsPerSecond\": true}",
                "{\"dataPlaneReadsPerSecond\": 1000001}",
                "{\"dataPlaneReadsPerSecond\": 1e30}",
                "{\"burstSeconds\": 601}",
                "{\"dataPlaneReadPerSecond\": 20}",
                "{\"controlPlaneWritesPerSecond\": [1]}",
                "[1, 2]",
                "20",
                "{\"dataPlaneReadsPerSecond\": 20",
                "not json"
            })
    void anythingDoubtfulIsRefusedAsAnInvalidParameter(String body) {
        assertThatThrownBy(() -> LimitsRequest.tenancy(body))
                .isInstanceOfSatisfying(
                        CofferException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThatThrownBy(() -> LimitsRequest.tenancy("{\"dataPlaneReadPerSecond\": 20}"))
                .hasMessageContaining("unknown field 'dataPlaneReadPerSecond'");
        assertThatThrownBy(() -> LimitsRequest.service("{\"service\": {\"burst\": 2}}"))
                .hasMessageContaining("unknown field 'service.burst'");
    }

    @Test
    void anEmptyBodyIsMissing() {
        assertThatThrownBy(() -> LimitsRequest.tenancy(" "))
                .isInstanceOfSatisfying(
                        CofferException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.MISSING_PARAMETER));
    }

    @Test
    void serviceLimitsCarryTheDefaultsTheServiceAndTheSwitch() {
        LimitsRequest.ServiceLimits limits = LimitsRequest.service("{\"enabled\": false, \"tenancyDefaults\":"
                + " {\"controlPlaneWritesPerSecond\": 50}, \"service\": {\"dataPlaneReadsPerSecond\": 9000}}");
        assertThat(limits.enforced()).isFalse();
        assertThat(limits.tenancyDefaults()).isEqualTo(new Limits(null, null, 50L, null));
        assertThat(limits.service()).isEqualTo(new Limits(9000L, null, null, null));
        assertThat(LimitsRequest.service("{}").enforced()).isTrue();
        assertThatThrownBy(() -> LimitsRequest.service("{\"enabled\": \"no\"}")).isInstanceOf(CofferException.class);
        assertThatThrownBy(() -> LimitsRequest.service("{\"service\": 5}")).isInstanceOf(CofferException.class);
    }
}
