package io.coffer.key.entity;

import io.coffer.resource.entity.VaultScopedResource;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One version of a master key: its AES-256 material, wrapped by the root key named in {@link #rootKeyId()}.
 * Never changed once made. Shard store, replicated (hosts unwrap it to open secrets locally).
 */
@Entity
@Table(
        name = "MASTER_KEY_VERSION",
        indexes = @Index(name = "MASTER_KEY_VERSION_KEY", columnList = "KEY_ID, TIME_CREATED"))
@Replicated
public class MasterKeyVersion extends VaultScopedResource {

    @Column(name = "KEY_ID", length = 128, nullable = false)
    private String keyId;

    @Lob
    @Column(name = "WRAPPED_MATERIAL", nullable = false)
    private byte[] wrappedMaterial;

    @Column(name = "ROOT_KEY_ID", length = 256, nullable = false)
    private String rootKeyId;

    protected MasterKeyVersion() {}

    /** The key version as stored (a plain-JDBC read of its row). */
    public MasterKeyVersion(StoredRow row) {
        super(row);
        keyId = row.text("KEY_ID");
        wrappedMaterial = row.bytes("WRAPPED_MATERIAL");
        rootKeyId = row.text("ROOT_KEY_ID");
    }

    public MasterKeyVersion(String id, MasterKey key, byte[] wrappedMaterial, String rootKeyId, Instant now) {
        super(id, key.tenancyId(), key.compartmentId(), key.vaultId(), KeyState.ENABLED, now);
        this.keyId = key.id();
        this.wrappedMaterial = wrappedMaterial.clone();
        this.rootKeyId = rootKeyId;
    }

    /** A fresh id for a version about to be made: its material is wrapped with the id bound in. */
    public static String newId() {
        return Ocids.newId("keyversion");
    }

    public String keyId() {
        return keyId;
    }

    public byte[] wrappedMaterial() {
        return wrappedMaterial.clone();
    }

    public String rootKeyId() {
        return rootKeyId;
    }

    public KeyState state() {
        return lifecycleState(KeyState.class);
    }

    @Override
    public String toString() {
        return "MasterKeyVersion[" + id() + " of " + keyId + "]";
    }
}
