/**
 * Identity and authentication: tenancies, their users and API keys, and the verification of OCI HTTP signatures on
 * every request, exactly as the OCI SDKs sign them.
 *
 * <p>Rules: every request is signed, or it is refused with 401 NotAuthenticated, whatever went wrong (the message
 * helps a legitimate client, never says whether a user or key exists); a signature is fresh for five minutes of real
 * time; a body is what its {@code x-content-sha256} says; a tenancy sees only its own resources. Identities live in
 * the base store and are replicated, so that a data-plane host authenticates from its own replica.
 */
package io.coffer.identity;
