package io.coffer.key.entity;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.resource.entity.DisplayNames;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.resource.entity.VaultScopedResource;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A vault's master encryption key: its name, protection mode, state and current version. Shard store, replicated. */
@Entity
@Table(name = "MASTER_KEY", indexes = @Index(name = "MASTER_KEY_VAULT", columnList = "VAULT_ID, TIME_CREATED"))
@Replicated
public class MasterKey extends VaultScopedResource {

    public static final String OCID_TYPE = "key";
    /** The only shape Coffer makes, AES-256 (see {@code KeyShape}): the algorithm and the length in bytes. */
    public static final String ALGORITHM = "AES";

    public static final int LENGTH = 32;

    @Column(name = "DISPLAY_NAME", length = DisplayNames.MAX, nullable = false)
    private String displayName;

    @Column(name = "PROTECTION_MODE", length = 16, nullable = false)
    private String protectionMode;

    @Column(name = "CURRENT_VERSION_ID", length = 128)
    private String currentVersionId;

    @Column(name = "TIME_OF_DELETION")
    private Instant timeOfDeletion;

    @Embedded
    private ResourceTags tags;

    protected MasterKey() {}

    public MasterKey(
            String tenancyId,
            String compartmentId,
            String vaultId,
            String displayName,
            String protectionMode,
            ResourceTags tags,
            Instant now) {
        super(Ocids.newId(OCID_TYPE), tenancyId, compartmentId, vaultId, KeyState.ENABLED, now);
        this.displayName = DisplayNames.checked(displayName);
        this.protectionMode = checkedProtectionMode(protectionMode);
        this.tags = tags;
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

    /** UpdateKey: what the request gives changes (null: unchanged). */
    public void update(
            String displayName, Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {
        requireEnabled("update");
        String name = displayName == null ? this.displayName : DisplayNames.checked(displayName);
        ResourceTags changed = tags().replacedBy("a key", freeformTags, definedTags);
        this.displayName = name;
        this.tags = changed;
    }

    /** Makes a newly added version the one that seals from now on (rotation). */
    public void rotatedTo(MasterKeyVersion version) {
        requireEnabled("rotate");
        this.currentVersionId = version.id();
    }

    public void requireEnabled(String action) {
        if (state() != KeyState.ENABLED) {
            throw new IncorrectStateException("cannot " + action + " key " + id() + " in state " + state());
        }
    }

    public void markDeleted(Instant now) {
        lifecycleState(KeyState.DELETED);
        this.timeOfDeletion = now;
    }

    public String displayName() {
        return displayName;
    }

    public String protectionMode() {
        return protectionMode;
    }

    public KeyState state() {
        return lifecycleState(KeyState.class);
    }

    public String currentVersionId() {
        return currentVersionId;
    }

    public Instant timeOfDeletion() {
        return timeOfDeletion;
    }

    public ResourceTags tags() {
        return tags == null ? ResourceTags.NONE : tags;
    }
}
