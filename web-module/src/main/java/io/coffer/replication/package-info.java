/**
 * Replication over HTTP ({@code /admin/v1/replication}): how far this host, and every host as reported to the base
 * store, has applied each remote store's log, and the checksums that compare a store with this host's replica.
 * Read only.
 */
package io.coffer.replication;
