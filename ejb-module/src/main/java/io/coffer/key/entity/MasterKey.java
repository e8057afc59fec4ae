package io.coffer.key.entity;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A vault's master encryption key: its name, protection mode, state and current version. Shard store, replicated. */
@Entity
@Table(name = "MASTER_KEY", indexes = @Index(name = "MASTER_KEY_VAULT", columnList = "VAULT_ID, TIME_CREATED"))
@Replicated
public class MasterKey {

    public static final String ALGORITHM = "AES";
    /** Bytes: AES-256, the only shape Coffer makes. */
    public static final int LENGTH = 32;
    public static final int MAX_DISPLAY_NAME = 255;

    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "COMPARTMENT_ID", length = 128, nullable = false)
    private String compartmentId;

    @Column(name = "VAULT_ID", length = 128, nullable = false)
    private String vaultId;

    @Column(name = "DISPLAY_NAME", length = MAX_DISPLAY_NAME, nullable = false)
    private String displayName;

    @Column(name = "PROTECTION_MODE", length = 16, nullable = false)
    private String protectionMode;

    @Enumerated(EnumType.STRING)
    @Column(name = "LIFECYCLE_STATE", length = 32, nullable = false)
    private KeyState state;

    @Column(name = "CURRENT_VERSION_ID", length = 128)
    private String currentVersionId;

    @Column(name = "TIME_CREATED", nullable = false)
    private Instant timeCreated;

    @Column(name = "TIME_OF_DELETION")
    private Instant timeOfDeletion;

    @Column(name = "FREEFORM_TAGS", length = 32000)
    private String freeformTags;

    @Column(name = "DEFINED_TAGS", length = 32000)
    private String definedTags;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected MasterKey() {
    }

    public MasterKey(String tenancyId, String compartmentId, String vaultId, String displayName, String protectionMode,
            String freeformTags, String definedTags, Instant now) {
        this.id = Ocids.newId("key");
        this.tenancyId = tenancyId;
        this.compartmentId = compartmentId;
        this.vaultId = vaultId;
        this.displayName = checkedName(displayName);
        this.protectionMode = checkedProtectionMode(protectionMode);
        this.state = KeyState.ENABLED;
        this.timeCreated = now;
        this.freeformTags = freeformTags;
        this.definedTags = definedTags;
    }

    /** KMS key shapes: Coffer makes AES keys of 32 bytes and refuses everything else by name. */
    public static void checkShape(String algorithm, Integer length) {
        if (algorithm == null) {
            throw CofferException.missing("keyShape.algorithm");
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw CofferException.invalid("keyShape.algorithm " + algorithm + " is not supported: Coffer's master keys are AES");
        }
        if (length == null) {
            throw CofferException.missing("keyShape.length");
        }
        if (length != LENGTH) {
            throw CofferException.invalid("keyShape.length must be 32 (AES-256)");
        }
    }

    static String checkedName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw CofferException.missing("displayName");
        }
        if (displayName.length() > MAX_DISPLAY_NAME || displayName.chars().anyMatch(Character::isISOControl)) {
            throw CofferException.invalid("displayName must be 1 to " + MAX_DISPLAY_NAME + " printable characters");
        }
        return displayName;
    }

    static String checkedProtectionMode(String protectionMode) {
        if (protectionMode == null) {
            return "HSM";
        }
        if (!protectionMode.equals("HSM") && !protectionMode.equals("SOFTWARE")) {
            throw CofferException.invalid("protectionMode must be HSM or SOFTWARE");
        }
        return protectionMode;
    }

    public void update(String displayName, String freeformTags, String definedTags) {
        requireEnabled("update");
        if (displayName != null) {
            this.displayName = checkedName(displayName);
        }
        if (freeformTags != null) {
            this.freeformTags = freeformTags;
        }
        if (definedTags != null) {
            this.definedTags = definedTags;
        }
    }

    /** Makes a newly added version the one that seals from now on (rotation). */
    public void rotatedTo(MasterKeyVersion version) {
        requireEnabled("rotate");
        this.currentVersionId = version.id();
    }

    public void requireEnabled(String action) {
        if (state != KeyState.ENABLED) {
            throw new CofferException(ErrorCode.INCORRECT_STATE, "cannot " + action + " key " + id + " in state " + state);
        }
    }

    public void markDeleted(Instant now) {
        this.state = KeyState.DELETED;
        this.timeOfDeletion = now;
    }

    public String id() {
        return id;
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String compartmentId() {
        return compartmentId;
    }

    public String vaultId() {
        return vaultId;
    }

    public String displayName() {
        return displayName;
    }

    public String protectionMode() {
        return protectionMode;
    }

    public KeyState state() {
        return state;
    }

    public String currentVersionId() {
        return currentVersionId;
    }

    public Instant timeCreated() {
        return timeCreated;
    }

    public Instant timeOfDeletion() {
        return timeOfDeletion;
    }

    public String freeformTags() {
        return freeformTags;
    }

    public String definedTags() {
        return definedTags;
    }

    public long version() {
        return version;
    }
}
