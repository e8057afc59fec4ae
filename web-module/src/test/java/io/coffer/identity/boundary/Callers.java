package io.coffer.identity.boundary;

import io.coffer.identity.entity.Caller;

/** A request's caller as the signature filter would have set it, for tests that run the resources without it. */
public final class Callers {

    private Callers() {}

    public static CallerContext authenticated(Caller caller) {
        CallerContext context = new CallerContext();
        context.authenticated(caller);
        return context;
    }
}
