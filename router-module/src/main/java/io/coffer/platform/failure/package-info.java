/**
 * Business failures: {@link io.coffer.platform.failure.CofferException} and one subtype per OCI error code
 * ({@code InvalidParameterException}, {@code IncorrectStateException}, ...), thrown by rules and facades and turned
 * into the OCI error body (OCI APIs) or problem+json (admin API) at the boundary.
 *
 * <p>Rules: a client mistake is one of these, never an {@code IllegalArgumentException} or
 * {@code IllegalStateException} (those are bugs, answered 500 with an incident id); every one rolls back the
 * transaction it is thrown in ({@code @ApplicationException(rollback = true)}, inherited), so a refused request
 * changes nothing; a message is fit for the client: it names the field or state, never quotes secret content.
 */
package io.coffer.platform.failure;
