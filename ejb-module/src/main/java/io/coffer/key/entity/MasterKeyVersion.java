package io.coffer.key.entity;

import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One version of a master key: its AES-256 material, wrapped by the root key named in {@link #rootKeyId()}.
 * Never changed once made. Shard store, replicated (hosts unwrap it to open secrets locally).
 */
@Entity
@Table(name = "MASTER_KEY_VERSION", indexes = @Index(name = "MASTER_KEY_VERSION_KEY", columnList = "KEY_ID, TIME_CREATED"))
@Replicated
public class MasterKeyVersion {

    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Column(name = "KEY_ID", length = 128, nullable = false)
    private String keyId;

    @Column(name = "VAULT_ID", length = 128, nullable = false)
    private String vaultId;

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "COMPARTMENT_ID", length = 128, nullable = false)
    private String compartmentId;

    @Lob
    @Column(name = "WRAPPED_MATERIAL", nullable = false)
    private byte[] wrappedMaterial;

    @Column(name = "ROOT_KEY_ID", length = 256, nullable = false)
    private String rootKeyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "LIFECYCLE_STATE", length = 32, nullable = false)
    private KeyState state;

    @Column(name = "TIME_CREATED", nullable = false)
    private Instant timeCreated;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected MasterKeyVersion() {
    }

    public MasterKeyVersion(String id, MasterKey key, byte[] wrappedMaterial, String rootKeyId, Instant now) {
        this.id = id;
        this.keyId = key.id();
        this.vaultId = key.vaultId();
        this.tenancyId = key.tenancyId();
        this.compartmentId = key.compartmentId();
        this.wrappedMaterial = wrappedMaterial.clone();
        this.rootKeyId = rootKeyId;
        this.state = KeyState.ENABLED;
        this.timeCreated = now;
    }

    /** A fresh id for a version about to be made: its material is wrapped with the id bound in. */
    public static String newId() {
        return Ocids.newId("keyversion");
    }

    public String id() {
        return id;
    }

    public String keyId() {
        return keyId;
    }

    public String vaultId() {
        return vaultId;
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String compartmentId() {
        return compartmentId;
    }

    public byte[] wrappedMaterial() {
        return wrappedMaterial.clone();
    }

    public String rootKeyId() {
        return rootKeyId;
    }

    public KeyState state() {
        return state;
    }

    public Instant timeCreated() {
        return timeCreated;
    }

    @Override
    public String toString() {
        return "MasterKeyVersion[" + id + " of " + keyId + "]";
    }
}
