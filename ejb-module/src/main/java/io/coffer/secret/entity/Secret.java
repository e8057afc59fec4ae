package io.coffer.secret.entity;

import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.resource.entity.VaultScopedResource;
import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A secret: the root of the secret aggregate, one flat row in its vault's shard, replicated to the local stores.
 *
 * <p>Its versions are {@link SecretVersion} rows that name it by id; the secret keeps the numbers that tie them
 * together (current and latest version number) and the rules every version obeys. Structured fields are JSON text;
 * metadata is stored only as the ciphertext the encryption layer hands in. The {@code @Version} column is both the
 * optimistic lock and the source of the OCI {@code etag}.
 *
 * <p>State changes are methods that refuse what OCI refuses in the current lifecycle state; the time-dependent rules
 * (deletion windows, expiry, rotation) live in {@code io.coffer.secret.control}, which passes the time in.
 *
 * <p>About 300 lines because OCI's secret has that many fields: one column, one accessor and the state changes each.
 */
@Entity
@Table(
        name = "SECRET",
        indexes = {
            @Index(name = "SECRET_VAULT_NAME", columnList = "VAULT_ID, SECRET_NAME"),
            @Index(name = "SECRET_COMPARTMENT", columnList = "TENANCY_ID, COMPARTMENT_ID"),
            @Index(name = "SECRET_DELETION", columnList = "LIFECYCLE_STATE, TIME_OF_DELETION")
        })
@NamedQueries({
    @NamedQuery(
            name = Secret.BY_VAULT_AND_NAME,
            query = "SELECT s FROM Secret s WHERE s.vaultId = :vaultId AND s.name = :name"),
    @NamedQuery(
            name = Secret.DUE_FOR_DELETION,
            query = "SELECT s FROM Secret s WHERE s.lifecycleState = 'PENDING_DELETION' AND s.timeOfDeletion <= :now"),
    @NamedQuery(
            name = Secret.DUE_FOR_ROTATION,
            query = "SELECT s FROM Secret s WHERE s.lifecycleState = 'ACTIVE' AND s.rotation.nextRotationTime <= :now"
                    + " ORDER BY s.rotation.nextRotationTime")
})
@Replicated
public class Secret extends VaultScopedResource {

    /** Secrets of a vault with a given name (parameters {@code vaultId}, {@code name}), to check names are unique. */
    public static final String BY_VAULT_AND_NAME = "Secret.byVaultAndName";
    /** Secrets pending deletion whose time has come (parameter {@code now}). */
    public static final String DUE_FOR_DELETION = "Secret.dueForDeletion";
    /** Active secrets whose scheduled rotation is due (parameter {@code now}). */
    public static final String DUE_FOR_ROTATION = "Secret.dueForRotation";

    public static final int MAX_NAME = 255;
    public static final int MAX_DESCRIPTION = 400;
    public static final String OCID_TYPE = "vaultsecret";

    private static final Type RULES = new ArrayList<SecretRule>() {}.getClass().getGenericSuperclass();

    @Column(name = "KEY_ID", length = 255, nullable = false)
    private String keyId;

    @Column(name = "SECRET_NAME", length = MAX_NAME, nullable = false)
    private String name;

    @Column(name = "DESCRIPTION", length = MAX_DESCRIPTION)
    private String description;

    @Embedded
    private ResourceTags tags;

    @Column(name = "LIFECYCLE_DETAILS", length = 255)
    private String lifecycleDetails;

    @Column(name = "TIME_OF_DELETION")
    private Instant timeOfDeletion;

    @Column(name = "CURRENT_VERSION_NUMBER", nullable = false)
    private long currentVersionNumber;

    @Column(name = "LATEST_VERSION_NUMBER", nullable = false)
    private long latestVersionNumber;

    @Column(name = "TIME_OF_CURRENT_VERSION_EXPIRY")
    private Instant timeOfCurrentVersionExpiry;

    @Column(name = "SECRET_RULES", length = 2048)
    private String secretRules;

    @Embedded
    private RotationSettings rotation = new RotationSettings();

    @Lob
    @Column(name = "ENCRYPTED_METADATA")
    private byte[] encryptedMetadata;

    protected Secret() {}

    /** The secret as stored (a plain-JDBC read of its row): every column, as EclipseLink would have read it. */
    public Secret(StoredRow row) {
        super(row);
        keyId = row.text("KEY_ID");
        name = row.text("SECRET_NAME");
        description = row.text("DESCRIPTION");
        tags = ResourceTags.of(row);
        lifecycleDetails = row.text("LIFECYCLE_DETAILS");
        timeOfDeletion = row.instant("TIME_OF_DELETION");
        currentVersionNumber = row.number("CURRENT_VERSION_NUMBER");
        latestVersionNumber = row.number("LATEST_VERSION_NUMBER");
        timeOfCurrentVersionExpiry = row.instant("TIME_OF_CURRENT_VERSION_EXPIRY");
        secretRules = row.text("SECRET_RULES");
        rotation = new RotationSettings(row);
        encryptedMetadata = row.bytes("ENCRYPTED_METADATA");
    }

    /**
     * A new secret in state CREATING, without versions yet (its first version gets number 1). The caller has
     * validated every argument.
     */
    public Secret(
            String id,
            String tenancyId,
            String compartmentId,
            String vaultId,
            String keyId,
            String name,
            Instant timeCreated) {
        super(id, tenancyId, compartmentId, vaultId, SecretLifecycleState.CREATING, timeCreated);
        this.keyId = keyId;
        this.name = name;
    }

    /** CREATING or UPDATING becomes ACTIVE (once every host has the change); ACTIVE stays ACTIVE. */
    public void activate() {
        SecretLifecycleState state = lifecycleState();
        if (state == SecretLifecycleState.ACTIVE) {
            return;
        }
        if (state != SecretLifecycleState.CREATING && state != SecretLifecycleState.UPDATING) {
            throw incorrectState("cannot become ACTIVE");
        }
        lifecycleState(SecretLifecycleState.ACTIVE);
        lifecycleDetails = null;
    }

    /**
     * ACTIVE becomes UPDATING after a change readers see (a new version, another current version): it is ACTIVE again
     * once every host has the change.
     */
    public void beginUpdate() {
        if (lifecycleState() == SecretLifecycleState.ACTIVE) {
            lifecycleState(SecretLifecycleState.UPDATING);
        }
    }

    /** Refuses with IncorrectState unless the secret is ACTIVE; {@code action} says what was attempted. */
    public void requireActive(String action) {
        if (lifecycleState() != SecretLifecycleState.ACTIVE) {
            throw incorrectState("must be ACTIVE to " + action);
        }
    }

    /** Refuses with IncorrectState unless the secret may be scheduled for deletion (it is ACTIVE). */
    public void checkDeletionSchedulable() {
        if (lifecycleState() == SecretLifecycleState.PENDING_DELETION) {
            throw new IncorrectStateException(
                    "Secret " + id() + " is already scheduled for deletion at " + Rfc3339.format(timeOfDeletion));
        }
        requireActive("be scheduled for deletion");
    }

    /** ACTIVE becomes PENDING_DELETION until {@code when} (already checked against OCI's window). */
    public void scheduleDeletion(Instant when) {
        checkDeletionSchedulable();
        lifecycleState(SecretLifecycleState.PENDING_DELETION);
        timeOfDeletion = Rfc3339.millis(when);
    }

    /** PENDING_DELETION goes back to ACTIVE. */
    /**
     * Back to ACTIVE, while its deletion is still to come: once due, the deletion may have started (its name is freed on
     * the base store before the secret is marked on its shard), so it is no longer cancellable.
     */
    public void cancelDeletion(Instant now) {
        if (lifecycleState() != SecretLifecycleState.PENDING_DELETION) {
            throw incorrectState("is not scheduled for deletion, so there is no deletion to cancel");
        }
        if (isDueForDeletion(now)) {
            throw incorrectState("is being deleted (its deletion was due at " + timeOfDeletion + ")");
        }
        lifecycleState(SecretLifecycleState.ACTIVE);
        timeOfDeletion = null;
    }

    /** Whether the secret's scheduled deletion has come at {@code now}. */
    public boolean isDueForDeletion(Instant now) {
        return lifecycleState() == SecretLifecycleState.PENDING_DELETION
                && timeOfDeletion != null
                && !timeOfDeletion.isAfter(now);
    }

    /** The scheduled deletion happens: the secret is DELETED and its encrypted metadata destroyed. */
    public void completeDeletion() {
        if (lifecycleState() != SecretLifecycleState.PENDING_DELETION) {
            throw incorrectState("is not pending deletion");
        }
        deleteWithVault();
    }

    /** Its vault was deleted: the secret goes with it, whatever its state; its encrypted metadata is destroyed. */
    public void deleteWithVault() {
        lifecycleState(SecretLifecycleState.DELETED);
        encryptedMetadata = null;
        rotation().unschedule();
    }

    /** Whether a scheduled rotation is due at {@code now}: only an ACTIVE secret is rotated. */
    public boolean isRotationDue(Instant now) {
        return lifecycleState() == SecretLifecycleState.ACTIVE && rotation().isDue(now);
    }

    /** The number the next version gets; numbers start at 1 and are never reused. */
    public long allocateVersionNumber() {
        return ++latestVersionNumber;
    }

    /** Marks which version is CURRENT and when it expires. */
    public void makeCurrent(long versionNumber, Instant expiry) {
        currentVersionNumber = versionNumber;
        timeOfCurrentVersionExpiry = Rfc3339.millis(expiry);
    }

    public void describe(String description) {
        this.description = description;
    }

    /** Tags already checked against OCI's limits. */
    public void tag(ResourceTags tags) {
        this.tags = tags;
    }

    /** Rules already validated and normalised by the control layer; null or empty means none. */
    public void applyRules(List<SecretRule> rules) {
        secretRules = rules == null || rules.isEmpty() ? null : JsonColumns.write(rules);
    }

    /** Metadata as the encryption layer sealed it (null for none); the plaintext never reaches this row. */
    public void storeEncryptedMetadata(byte[] ciphertext) {
        encryptedMetadata = ciphertext == null ? null : ciphertext.clone();
    }

    public String keyId() {
        return keyId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public ResourceTags tags() {
        return tags == null ? ResourceTags.NONE : tags;
    }

    public SecretLifecycleState lifecycleState() {
        return lifecycleState(SecretLifecycleState.class);
    }

    public String lifecycleDetails() {
        return lifecycleDetails;
    }

    public Instant timeOfDeletion() {
        return timeOfDeletion;
    }

    public long currentVersionNumber() {
        return currentVersionNumber;
    }

    public long latestVersionNumber() {
        return latestVersionNumber;
    }

    public Instant timeOfCurrentVersionExpiry() {
        return timeOfCurrentVersionExpiry;
    }

    public List<SecretRule> secretRules() {
        List<SecretRule> rules = JsonColumns.read(secretRules, RULES);
        return rules == null ? List.of() : List.copyOf(rules);
    }

    /** Generation and rotation: changed in place by the control rules. */
    public RotationSettings rotation() {
        if (rotation == null) {
            rotation = new RotationSettings();
        }
        return rotation;
    }

    public byte[] encryptedMetadata() {
        return encryptedMetadata == null ? null : encryptedMetadata.clone();
    }

    private IncorrectStateException incorrectState(String what) {
        return new IncorrectStateException("Secret " + id() + " is " + lifecycleState() + " and " + what);
    }

    @Override
    public String toString() {
        return "Secret[" + id() + ", " + lifecycleState() + "]";
    }
}
