/**
 * Authentication at the HTTP boundary: every request's OCI signature is verified before anything else reads it
 * ({@code SignatureAuthenticationFilter}, both applications), the admin application admits operators only
 * ({@code OperatorOnly}: anyone else gets 404), and the operator creates tenancies ({@code /admin/v1/tenancies}).
 */
package io.coffer.identity;
