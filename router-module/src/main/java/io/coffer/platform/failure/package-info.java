/**
 * Business failures: one exception type carrying an OCI-style error code, thrown by rules and facades and turned
 * into the OCI error body (OCI APIs) or problem+json (admin API) at the boundary. A client mistake is never a 500.
 */
package io.coffer.platform.failure;
