package io.coffer.secret.entity;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 */
@Entity
@Table(name = "SECRET", indexes = {
    @Index(name = "SECRET_VAULT_NAME", columnList = "VAULT_ID, SECRET_NAME"),
    @Index(name = "SECRET_COMPARTMENT", columnList = "TENANCY_ID, COMPARTMENT_ID"),
    @Index(name = "SECRET_DELETION", columnList = "LIFECYCLE_STATE, TIME_OF_DELETION")
})
@NamedQueries({
    @NamedQuery(name = Secret.BY_VAULT_AND_NAME,
            query = "SELECT s FROM Secret s WHERE s.vaultId = :vaultId AND s.name = :name"),
    @NamedQuery(name = Secret.DUE_FOR_DELETION,
            query = "SELECT s FROM Secret s WHERE s.lifecycleState = 'PENDING_DELETION' AND s.timeOfDeletion <= :now"),
    @NamedQuery(name = Secret.DUE_FOR_ROTATION,
            query = "SELECT s FROM Secret s WHERE s.lifecycleState = 'ACTIVE' AND s.nextRotationTime <= :now")
})
@Replicated
public class Secret {

    /** Secrets of a vault with a given name (parameters {@code vaultId}, {@code name}), to check names are unique. */
    public static final String BY_VAULT_AND_NAME = "Secret.byVaultAndName";
    /** Secrets pending deletion whose time has come (parameter {@code now}). */
    public static final String DUE_FOR_DELETION = "Secret.dueForDeletion";
    /** Active secrets whose scheduled rotation is due (parameter {@code now}). */
    public static final String DUE_FOR_ROTATION = "Secret.dueForRotation";

    public static final int MAX_NAME = 255;
    public static final int MAX_DESCRIPTION = 400;
    public static final int MAX_TAGS_JSON = 5120;
    public static final String OCID_TYPE = "vaultsecret";

    private static final Type FREEFORM_TAGS = new LinkedHashMap<String, String>() { }.getClass().getGenericSuperclass();
    private static final Type DEFINED_TAGS =
            new LinkedHashMap<String, Map<String, Object>>() { }.getClass().getGenericSuperclass();
    private static final Type RULES = new ArrayList<SecretRule>() { }.getClass().getGenericSuperclass();

    @Id
    @Column(name = "ID", length = 255)
    private String id;

    @Column(name = "TENANCY_ID", length = 255, nullable = false)
    private String tenancyId;

    @Column(name = "COMPARTMENT_ID", length = 255, nullable = false)
    private String compartmentId;

    @Column(name = "VAULT_ID", length = 255, nullable = false)
    private String vaultId;

    @Column(name = "KEY_ID", length = 255, nullable = false)
    private String keyId;

    @Column(name = "SECRET_NAME", length = MAX_NAME, nullable = false)
    private String name;

    @Column(name = "DESCRIPTION", length = MAX_DESCRIPTION)
    private String description;

    @Column(name = "FREEFORM_TAGS", length = MAX_TAGS_JSON)
    private String freeformTags;

    @Column(name = "DEFINED_TAGS", length = MAX_TAGS_JSON)
    private String definedTags;

    @Column(name = "LIFECYCLE_STATE", length = 32, nullable = false)
    private String lifecycleState;

    @Column(name = "LIFECYCLE_DETAILS", length = 255)
    private String lifecycleDetails;

    @Column(name = "TIME_CREATED", nullable = false)
    private Instant timeCreated;

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

    @Column(name = "ROTATION_CONFIG", length = 2048)
    private String rotationConfig;

    @Lob
    @Column(name = "GENERATION_CONTEXT")
    private String generationContext;

    @Column(name = "AUTO_GENERATION_ENABLED", nullable = false)
    private boolean autoGenerationEnabled;

    @Column(name = "LAST_ROTATION_TIME")
    private Instant lastRotationTime;

    @Column(name = "NEXT_ROTATION_TIME")
    private Instant nextRotationTime;

    @Lob
    @Column(name = "ENCRYPTED_METADATA")
    private byte[] encryptedMetadata;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected Secret() {
    }

    /**
     * A new secret in state CREATING, without versions yet (its first version gets number 1). The caller has
     * validated every argument; the id is a fresh {@code vaultsecret} OCID.
     */
    public Secret(String id, String tenancyId, String compartmentId, String vaultId, String keyId, String name,
            Instant timeCreated) {
        this.id = id;
        this.tenancyId = tenancyId;
        this.compartmentId = compartmentId;
        this.vaultId = vaultId;
        this.keyId = keyId;
        this.name = name;
        this.timeCreated = Rfc3339.millis(timeCreated);
        this.lifecycleState = SecretLifecycleState.CREATING.name();
    }

    // ---- state transitions -------------------------------------------------------------------------------------

    /** CREATING or UPDATING becomes ACTIVE (once every host has the change); ACTIVE stays ACTIVE. */
    public void activate() {
        SecretLifecycleState state = lifecycleState();
        if (state == SecretLifecycleState.ACTIVE) {
            return;
        }
        if (state != SecretLifecycleState.CREATING && state != SecretLifecycleState.UPDATING) {
            throw incorrectState("cannot become ACTIVE");
        }
        lifecycleState = SecretLifecycleState.ACTIVE.name();
        lifecycleDetails = null;
    }

    /**
     * ACTIVE becomes UPDATING after a change readers see (a new version, another current version): it is ACTIVE again
     * once every host has the change.
     */
    public void beginUpdate() {
        if (lifecycleState() == SecretLifecycleState.ACTIVE) {
            lifecycleState = SecretLifecycleState.UPDATING.name();
        }
    }

    /** The secret could not be made available (for example, replication failed); the details say why. */
    public void fail(String details) {
        lifecycleState = SecretLifecycleState.FAILED.name();
        lifecycleDetails = details;
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
            throw new CofferException(ErrorCode.INCORRECT_STATE, "Secret " + id
                    + " is already scheduled for deletion at " + Rfc3339.format(timeOfDeletion));
        }
        requireActive("be scheduled for deletion");
    }

    /** ACTIVE becomes PENDING_DELETION until {@code when} (already checked against OCI's window). */
    public void scheduleDeletion(Instant when) {
        checkDeletionSchedulable();
        lifecycleState = SecretLifecycleState.PENDING_DELETION.name();
        timeOfDeletion = Rfc3339.millis(when);
    }

    /** PENDING_DELETION goes back to ACTIVE. */
    public void cancelDeletion() {
        if (lifecycleState() != SecretLifecycleState.PENDING_DELETION) {
            throw incorrectState("is not scheduled for deletion, so there is no deletion to cancel");
        }
        lifecycleState = SecretLifecycleState.ACTIVE.name();
        timeOfDeletion = null;
    }

    /** Whether the secret's scheduled deletion has come at {@code now}. */
    public boolean isDueForDeletion(Instant now) {
        return lifecycleState() == SecretLifecycleState.PENDING_DELETION && timeOfDeletion != null
                && !timeOfDeletion.isAfter(now);
    }

    /** The scheduled deletion happens: the secret is DELETED and its encrypted metadata destroyed. */
    public void completeDeletion() {
        if (lifecycleState() != SecretLifecycleState.PENDING_DELETION) {
            throw incorrectState("is not pending deletion");
        }
        lifecycleState = SecretLifecycleState.DELETED.name();
        encryptedMetadata = null;
        nextRotationTime = null;
    }

    /** Its vault was deleted: the secret goes with it, whatever its state; its encrypted metadata is destroyed. */
    public void deleteWithVault() {
        lifecycleState = SecretLifecycleState.DELETED.name();
        encryptedMetadata = null;
        nextRotationTime = null;
    }

    /** Whether a scheduled rotation is due at {@code now}. */
    public boolean isRotationDue(Instant now) {
        return lifecycleState() == SecretLifecycleState.ACTIVE && nextRotationTime != null
                && !nextRotationTime.isAfter(now);
    }

    // ---- changes that the control rules make -------------------------------------------------------------------

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

    public void tagFreeform(Map<String, String> tags) {
        freeformTags = JsonColumns.write(tags);
    }

    public void tagDefined(Map<String, Map<String, Object>> tags) {
        definedTags = JsonColumns.write(tags);
    }

    /** Rules already validated and normalised by the control layer; null or empty means none. */
    public void applyRules(List<SecretRule> rules) {
        secretRules = rules == null || rules.isEmpty() ? null : JsonColumns.write(rules);
    }

    /** A rotation configuration already validated, and the next scheduled rotation it implies (or null). */
    public void configureRotation(RotationConfig config, Instant nextRotation) {
        rotationConfig = JsonColumns.write(config);
        nextRotationTime = Rfc3339.millis(nextRotation);
    }

    public void configureGeneration(SecretGenerationContext context, boolean enabled) {
        generationContext = JsonColumns.write(context);
        autoGenerationEnabled = enabled;
    }

    /** Records a completed rotation and the next one it schedules (null when rotation is not scheduled). */
    public void recordRotation(Instant rotatedAt, Instant nextRotation) {
        lastRotationTime = Rfc3339.millis(rotatedAt);
        nextRotationTime = Rfc3339.millis(nextRotation);
    }

    public void moveToCompartment(String compartmentId) {
        this.compartmentId = compartmentId;
    }

    /** Metadata as the encryption layer sealed it (null for none); the plaintext never reaches this row. */
    public void storeEncryptedMetadata(byte[] ciphertext) {
        encryptedMetadata = ciphertext == null ? null : ciphertext.clone();
    }

    // ---- reading -----------------------------------------------------------------------------------------------

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

    public String keyId() {
        return keyId;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Map<String, String> freeformTags() {
        Map<String, String> tags = JsonColumns.read(freeformTags, FREEFORM_TAGS);
        return tags == null ? Map.of() : tags;
    }

    public Map<String, Map<String, Object>> definedTags() {
        Map<String, Map<String, Object>> tags = JsonColumns.read(definedTags, DEFINED_TAGS);
        return tags == null ? Map.of() : tags;
    }

    public SecretLifecycleState lifecycleState() {
        return SecretLifecycleState.valueOf(lifecycleState);
    }

    public String lifecycleDetails() {
        return lifecycleDetails;
    }

    public Instant timeCreated() {
        return timeCreated;
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

    public RotationConfig rotationConfig() {
        return JsonColumns.read(rotationConfig, RotationConfig.class);
    }

    public SecretGenerationContext generationContext() {
        return JsonColumns.read(generationContext, SecretGenerationContext.class);
    }

    public boolean autoGenerationEnabled() {
        return autoGenerationEnabled;
    }

    public Instant lastRotationTime() {
        return lastRotationTime;
    }

    public Instant nextRotationTime() {
        return nextRotationTime;
    }

    /** OCI's rotationStatus: SCHEDULED while scheduled rotation is on, otherwise NOT_ENABLED. */
    public String rotationStatus() {
        RotationConfig config = rotationConfig();
        return config != null && config.scheduled() ? "SCHEDULED" : "NOT_ENABLED";
    }

    public byte[] encryptedMetadata() {
        return encryptedMetadata == null ? null : encryptedMetadata.clone();
    }

    public long version() {
        return version;
    }

    /** The OCI etag: changes with every committed change of the row. */
    public String etag() {
        return Long.toString(version);
    }

    private CofferException incorrectState(String what) {
        return new CofferException(ErrorCode.INCORRECT_STATE, "Secret " + id + " is " + lifecycleState + " and " + what);
    }

    @Override
    public String toString() {
        return "Secret[" + id + ", " + lifecycleState + "]";
    }
}
