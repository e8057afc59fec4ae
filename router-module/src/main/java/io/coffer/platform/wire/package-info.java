/**
 * OCI's wire conventions, shared by every OCI-compatible resource: RFC 3339 times, free-form and defined tags,
 * etags, and opaque page tokens. What the SDK sends and expects, and OCI's limits on it.
 */
package io.coffer.platform.wire;
