package io.coffer.resource.control;

import io.coffer.platform.failure.CofferException;

/**
 * The compartment a request names. Until compartments below the root exist, a tenancy's only compartment is its root
 * compartment, which is the tenancy itself (as in OCI); any other is answered as one the caller may not see.
 */
public final class Compartments {

    private Compartments() {}

    /**
     * @param own the compartment the caller may use here: its tenancy, or the compartment of the vault it works in
     * @return the compartment, checked
     */
    public static String requireOwn(String own, String compartmentId) {
        if (compartmentId == null || compartmentId.isBlank()) {
            throw CofferException.missing("compartmentId");
        }
        if (!compartmentId.equals(own)) {
            throw CofferException.notFound("compartment " + compartmentId);
        }
        return compartmentId;
    }
}
