/**
 * What every resource of Coffer's OCI APIs shares, written once: the row's identity, creation time and version
 * ({@code VersionedRow}); a tenancy's resource with its compartment and lifecycle state ({@code TenancyResource});
 * one inside a vault ({@code VaultScopedResource}); tags ({@code ResourceTags}) and display names; and the rules every
 * resource's facade applies the same way: the compartment check, newest-first keyset paging, and "insert unique or
 * 409 Conflict".
 *
 * <p>Rules: column names never change (existing stores and replication depend on them; a length is only ever
 * widened, and EclipseLink does not alter an existing column); the {@code @Version} column is the optimistic lock and
 * the source of the resource's etag; tags obey OCI's tagging limits whatever the resource; a compartment is the
 * caller's own (its tenancy's root compartment) or the answer is 404, as for a resource the caller may not see.
 */
package io.coffer.resource;
