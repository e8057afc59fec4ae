package io.coffer.resource.entity;

import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** A resource that lives inside a vault (a key, a key version, a secret), in the vault's shard. */
@MappedSuperclass
public abstract class VaultScopedResource extends TenancyResource {

    @Column(name = "VAULT_ID", length = MAX_OCID, nullable = false)
    private String vaultId;

    protected VaultScopedResource() {}

    /** The row as stored (a plain-JDBC read). */
    protected VaultScopedResource(StoredRow row) {
        super(row);
        this.vaultId = row.text("VAULT_ID");
    }

    protected VaultScopedResource(
            String id, String tenancyId, String compartmentId, String vaultId, Enum<?> state, Instant timeCreated) {
        super(id, tenancyId, compartmentId, state, timeCreated);
        this.vaultId = vaultId;
    }

    public String vaultId() {
        return vaultId;
    }
}
