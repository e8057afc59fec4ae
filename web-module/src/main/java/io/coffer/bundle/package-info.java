/**
 * Secret bundles over HTTP: the Secrets service's {@code /20190301/secretbundles}, as {@code SecretsClient} calls it.
 * Rules: which version a request names (number, name or stage, at most one) is checked here; the content is answered
 * base64, with the version's etag, and never logged.
 */
package io.coffer.bundle;
