package io.coffer.secret.entity;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import java.time.Instant;

/**
 * How a secret gets new content without a client sending it: its generation context and whether auto-generation is
 * on, its OCI {@code rotationConfig}, and when it was and will next be rotated. Part of the secret's row (same
 * columns as ever); configurations arrive already validated by the control rules.
 */
@Embeddable
public class RotationSettings {

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

    public RotationSettings() {}

    /** The settings of a secret's row as stored (a plain-JDBC read). */
    public RotationSettings(StoredRow row) {
        rotationConfig = row.text("ROTATION_CONFIG");
        generationContext = row.text("GENERATION_CONTEXT");
        autoGenerationEnabled = row.flag("AUTO_GENERATION_ENABLED");
        lastRotationTime = row.instant("LAST_ROTATION_TIME");
        nextRotationTime = row.instant("NEXT_ROTATION_TIME");
    }

    /** A rotation configuration, and the next scheduled rotation it implies (or null). */
    public void configure(RotationConfig config, Instant nextRotation) {
        rotationConfig = JsonColumns.write(config);
        nextRotationTime = Rfc3339.millis(nextRotation);
    }

    public void configureGeneration(SecretGenerationContext context, boolean enabled) {
        generationContext = JsonColumns.write(context);
        autoGenerationEnabled = enabled;
    }

    /** Records a completed rotation and the next one it schedules (null when rotation is not scheduled). */
    public void rotated(Instant rotatedAt, Instant nextRotation) {
        lastRotationTime = Rfc3339.millis(rotatedAt);
        nextRotationTime = Rfc3339.millis(nextRotation);
    }

    /** No rotation is scheduled any more (the secret is deleted). */
    void unschedule() {
        nextRotationTime = null;
    }

    boolean isDue(Instant now) {
        return nextRotationTime != null && !nextRotationTime.isAfter(now);
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
}
