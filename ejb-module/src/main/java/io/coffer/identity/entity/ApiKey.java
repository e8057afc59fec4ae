package io.coffer.identity.entity;

import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A user's API signing key: its public half (PEM) and OCI fingerprint. Keyed by user and fingerprint, as a request's
 * {@code keyId} names it. Base store, replicated.
 */
@Entity
@Table(name = "API_KEY")
@Replicated
public class ApiKey {

    @Id
    @Column(name = "ID", length = 256)
    private String id;

    @Column(name = "USER_ID", length = 128, nullable = false)
    private String userId;

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "FINGERPRINT", length = 64, nullable = false)
    private String fingerprint;

    @Column(name = "PUBLIC_KEY_PEM", length = 4096, nullable = false)
    private String publicKeyPem;

    @Column(name = "ACTIVE", nullable = false)
    private boolean active;

    @Column(name = "TIME_CREATED", nullable = false)
    private Instant timeCreated;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected ApiKey() {
    }

    public ApiKey(User user, String fingerprint, String publicKeyPem, Instant now) {
        this.id = idOf(user.id(), fingerprint);
        this.userId = user.id();
        this.tenancyId = user.tenancyId();
        this.fingerprint = fingerprint;
        this.publicKeyPem = publicKeyPem;
        this.active = true;
        this.timeCreated = now;
    }

    public static String idOf(String userId, String fingerprint) {
        return userId + "/" + fingerprint;
    }

    public String userId() {
        return userId;
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }

    public boolean active() {
        return active;
    }

    public Instant timeCreated() {
        return timeCreated;
    }
}
