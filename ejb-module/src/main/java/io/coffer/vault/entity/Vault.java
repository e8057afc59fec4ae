package io.coffer.vault.entity;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoreId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/** A vault: its tenancy, compartment, shard, name, tags and lifecycle. Base store, replicated. */
@Entity
@Table(name = "VAULT", indexes = @Index(name = "VAULT_COMPARTMENT", columnList = "COMPARTMENT_ID, TIME_CREATED"))
@Replicated
public class Vault {

    public static final int MAX_DISPLAY_NAME = 255;
    /** KMS: a vault's deletion is scheduled between 7 and 30 days ahead. */
    public static final Duration MIN_DELETION_DELAY = Duration.ofDays(7);
    public static final Duration MAX_DELETION_DELAY = Duration.ofDays(30);

    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "COMPARTMENT_ID", length = 128, nullable = false)
    private String compartmentId;

    @Column(name = "DISPLAY_NAME", length = MAX_DISPLAY_NAME, nullable = false)
    private String displayName;

    @Column(name = "VAULT_TYPE", length = 32, nullable = false)
    private String vaultType;

    @Column(name = "STORE_NAME", length = 32, nullable = false)
    private String store;

    @Enumerated(EnumType.STRING)
    @Column(name = "LIFECYCLE_STATE", length = 32, nullable = false)
    private VaultState state;

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

    protected Vault() {
    }

    public Vault(String tenancyId, String compartmentId, String displayName, String vaultType, StoreId store,
            String freeformTags, String definedTags, Instant now) {
        this.id = Ocids.newId("vault");
        this.tenancyId = tenancyId;
        this.compartmentId = compartmentId;
        this.displayName = checkedName(displayName);
        this.vaultType = vaultType;
        this.store = store.name();
        this.state = VaultState.ACTIVE;
        this.timeCreated = now;
        this.freeformTags = freeformTags;
        this.definedTags = definedTags;
    }

    public static String checkedName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw CofferException.missing("displayName");
        }
        if (displayName.length() > MAX_DISPLAY_NAME || displayName.chars().anyMatch(Character::isISOControl)) {
            throw CofferException.invalid("displayName must be 1 to " + MAX_DISPLAY_NAME + " printable characters");
        }
        return displayName;
    }

    public void update(String displayName, String freeformTags, String definedTags) {
        requireState(VaultState.ACTIVE, "update");
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

    /** @param requested the client's time, or null for the latest allowed */
    public void scheduleDeletion(Instant requested, Instant now) {
        requireState(VaultState.ACTIVE, "schedule the deletion of");
        Instant when = requested == null ? now.plus(MAX_DELETION_DELAY) : requested;
        if (when.isBefore(now.plus(MIN_DELETION_DELAY).minusSeconds(60)) || when.isAfter(now.plus(MAX_DELETION_DELAY).plusSeconds(60))) {
            throw CofferException.invalid("timeOfDeletion must be between 7 and 30 days from now");
        }
        this.timeOfDeletion = when;
        this.state = VaultState.PENDING_DELETION;
    }

    public void cancelDeletion() {
        requireState(VaultState.PENDING_DELETION, "cancel the deletion of");
        this.timeOfDeletion = null;
        this.state = VaultState.ACTIVE;
    }

    /** Whether its scheduled deletion is due. */
    public boolean deletionDue(Instant now) {
        return state == VaultState.PENDING_DELETION && timeOfDeletion != null && !timeOfDeletion.isAfter(now);
    }

    public void markDeleted() {
        this.state = VaultState.DELETED;
    }

    /** Keys and secrets are created only in an ACTIVE vault. */
    public void requireActive() {
        requireState(VaultState.ACTIVE, "create resources in");
    }

    private void requireState(VaultState expected, String action) {
        if (state != expected) {
            throw new CofferException(ErrorCode.INCORRECT_STATE, "cannot " + action + " vault " + id + " in state " + state);
        }
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
        return state;
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
