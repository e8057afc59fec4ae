package io.coffer.identity.boundary;

import io.coffer.identity.entity.Caller;
import io.coffer.platform.failure.NotAuthenticatedException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by {@link SignatureAuthenticationFilter}. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void authenticated(Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        if (caller == null) {
            throw new NotAuthenticatedException("the request is not authenticated");
        }
        return caller;
    }

    public String tenancyId() {
        return caller().tenancyId();
    }

    public String userId() {
        return caller().userId();
    }
}
