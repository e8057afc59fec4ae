/**
 * Master keys over HTTP: the KMS management API under each vault's management endpoint
 * ({@code /kms/<vault OCID>/20180608/keys}). Rules: a key shape other than AES-256 is refused here, by Bean Validation
 * of {@code KeyShape}; key versions never change, so their etag is fixed.
 */
package io.coffer.key;
