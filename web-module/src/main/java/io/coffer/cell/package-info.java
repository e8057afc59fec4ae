/**
 * Cells: a base-cell host forwards a request for a resource of another cell (by the vault it belongs to) to a live host
 * of that cell, over the cell-internal listener with mutual TLS, and hands back the answer unchanged. Rules: the request
 * is replayed byte for byte (the client's signature covers it, and the owning host verifies it again); the client's
 * {@code Host} travels in {@code X-Coffer-Forwarded-Host}, honoured only on the cell-internal listener; a request that
 * came from another cell is never forwarded again; a cell with no live host answers 503, never a hang; a host that
 * serves every shard never looks anything up.
 */
package io.coffer.cell;
