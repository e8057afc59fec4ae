/**
 * The HTTP surface's shared plumbing: the JAX-RS application at the server root, request ids, latency metrics, and
 * the mapping of every failure to an error body: the OCI body ({@code {"code", "message"}}) on the OCI APIs,
 * {@code application/problem+json} on the admin API. No stack trace ever reaches a client.
 */
package io.coffer.http;
