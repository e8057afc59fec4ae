package io.coffer.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.oracle.bmc.model.BmcException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the SDK reports when Coffer refuses a call: the HTTP status and OCI's error code, with a message. */
public final class OciErrors {

    private OciErrors() {}

    public static BmcException refused(ThrowingCallable call, int status, String code) {
        BmcException refused = catchThrowableOfType(BmcException.class, call);
        assertThat(refused).as("expected %s %s", status, code).isNotNull();
        assertThat(refused.getStatusCode()).as(refused.getMessage()).isEqualTo(status);
        assertThat(refused.getServiceCode()).as(refused.getMessage()).isEqualTo(code);
        assertThat(refused.getOpcRequestId()).isNotBlank();
        assertThat(refused.getMessage()).doesNotContain("Exception:", "\tat ");
        return refused;
    }
}
