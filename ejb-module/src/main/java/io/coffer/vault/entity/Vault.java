package io.coffer.vault.entity;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.resource.entity.DisplayNames;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.resource.entity.TenancyResource;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoreId;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A vault: its tenancy, compartment, shard, name, tags and lifecycle. Base store, replicated. */
@Entity
@Table(name = "VAULT", indexes = @Index(name = "VAULT_COMPARTMENT", columnList = "COMPARTMENT_ID, TIME_CREATED"))
@Replicated
public class Vault extends TenancyResource {

    public static final String OCID_TYPE = "vault";
    /** KMS: a vault's deletion is scheduled between 7 and 30 days ahead. */
    public static final Duration MIN_DELETION_DELAY = Duration.ofDays(7);

    public static final Duration MAX_DELETION_DELAY = Duration.ofDays(30);

    @Column(name = "DISPLAY_NAME", length = DisplayNames.MAX, nullable = false)
    private String displayName;

    @Column(name = "VAULT_TYPE", length = 32, nullable = false)
    private String vaultType;

    @Column(name = "STORE_NAME", length = 32, nullable = false)
    private String store;

    @Column(name = "TIME_OF_DELETION")
    private Instant timeOfDeletion;

    @Embedded
    private ResourceTags tags;

    protected Vault() {}

    public Vault(
            String tenancyId,
            String compartmentId,
            String displayName,
            String vaultType,
            StoreId store,
            ResourceTags tags,
            Instant now) {
        super(Ocids.newId(OCID_TYPE), tenancyId, compartmentId, VaultState.ACTIVE, now);
        this.displayName = DisplayNames.checked(displayName);
        this.vaultType = checkedType(vaultType);
        this.store = store.name();
        this.tags = tags;
    }

    /** KMS vault types; DEFAULT when the request names none. */
    static String checkedType(String vaultType) {
        String type = vaultType == null ? "DEFAULT" : vaultType;
        if (!type.equals("DEFAULT") && !type.equals("VIRTUAL_PRIVATE")) {
            throw CofferException.invalid("vaultType must be DEFAULT or VIRTUAL_PRIVATE");
        }
        return type;
    }

    /** UpdateVault: what the request gives changes (null: unchanged). */
    public void update(
            String displayName, Map<String, String> freeformTags, Map<String, Map<String, Object>> definedTags) {
        requireState(VaultState.ACTIVE, "update");
        String name = displayName == null ? this.displayName : DisplayNames.checked(displayName);
        ResourceTags changed = tags().replacedBy("a vault", freeformTags, definedTags);
        this.displayName = name;
        this.tags = changed;
    }

    /** @param requested the client's time, or null for the latest allowed */
    public void scheduleDeletion(Instant requested, Instant now) {
        requireState(VaultState.ACTIVE, "schedule the deletion of");
        Instant when = requested == null ? now.plus(MAX_DELETION_DELAY) : requested;
        if (when.isBefore(now.plus(MIN_DELETION_DELAY).minusSeconds(60))
                || when.isAfter(now.plus(MAX_DELETION_DELAY).plusSeconds(60))) {
            throw CofferException.invalid("timeOfDeletion must be between 7 and 30 days from now");
        }
        this.timeOfDeletion = when;
        lifecycleState(VaultState.PENDING_DELETION);
    }

    /**
     * Back to ACTIVE, while its deletion is still to come: once due, the deletion may have started (the vault's keys and
     * secrets are deleted on its shard before the vault is marked on the base store), so it is no longer cancellable.
     */
    public void cancelDeletion(Instant now) {
        requireState(VaultState.PENDING_DELETION, "cancel the deletion of");
        if (deletionDue(now)) {
            throw new IncorrectStateException("cannot cancel the deletion of vault " + id()
                    + ": it is being deleted (due at " + timeOfDeletion + ")");
        }
        this.timeOfDeletion = null;
        lifecycleState(VaultState.ACTIVE);
    }

    /** Whether its scheduled deletion is due. */
    public boolean deletionDue(Instant now) {
        return state() == VaultState.PENDING_DELETION && timeOfDeletion != null && !timeOfDeletion.isAfter(now);
    }

    public void markDeleted() {
        lifecycleState(VaultState.DELETED);
    }

    /** Keys and secrets are created only in an ACTIVE vault. */
    public void requireActive() {
        requireState(VaultState.ACTIVE, "create resources in");
    }

    private void requireState(VaultState expected, String action) {
        if (state() != expected) {
            throw new IncorrectStateException("cannot " + action + " vault " + id() + " in state " + state());
        }
    }

    public String displayName() {
        return displayName;
    }

    public String vaultType() {
        return vaultType;
    }

    public StoreId store() {
        return StoreId.of(store);
    }

    public VaultState state() {
        return lifecycleState(VaultState.class);
    }

    public Instant timeOfDeletion() {
        return timeOfDeletion;
    }

    public ResourceTags tags() {
        return tags == null ? ResourceTags.NONE : tags;
    }
}
