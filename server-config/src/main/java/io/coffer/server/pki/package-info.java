/**
 * Coffer's own public-key infrastructure for the cell-internal listeners: a CA made on an install's first start, and
 * per cell a certificate it signed that the cell's hosts present as TLS server and as TLS client.
 *
 * <p>Rules: everything lives under {@code $COFFER_HOME/pki}, every file there is mode 600; the CA's private key never
 * leaves its key store there; the trust store holds the CA's certificate and nothing else, so a listener that trusts it
 * accepts only certificates Coffer issued; what exists is reused, never silently replaced (only {@code ./coffer
 * renew-certs} re-issues the cell certificates, from the same CA). Certificates are made by the JDK's own {@code
 * keytool}, with the store passwords passed through the environment, never on a command line.
 */
package io.coffer.server.pki;
