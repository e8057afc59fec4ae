/**
 * Replication probes over HTTP ({@code /admin/v1/stores/{store}/probes}): the operator writes a probe into a remote
 * store and reads it back from the remote store or from this host's local store.
 */
package io.coffer.probe;
