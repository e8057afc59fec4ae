/**
 * The HTTP surface's shared plumbing: two JAX-RS applications, one per API family ({@code OciApplication} at the
 * server root, {@code AdminApplication} under {@code /admin}), each with its own error mapper; request ids; the body
 * limit; and Bean Validation of request bodies.
 *
 * <p>Rules: every response carries {@code opc-request-id}; a failure is answered in its family's body (OCI's
 * {@code {"code", "message"}}, or {@code application/problem+json} with the same code), never with a stack trace; a
 * client mistake (malformed or mistyped JSON, a missing or oversized body, a value out of range) is a 4xx with OCI's
 * code, and only a bug is a 500, logged under an incident id the answer names.
 */
package io.coffer.http;
