package io.coffer.identity.entity;

import io.coffer.resource.entity.VersionedRow;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A user's API signing key: its public half (PEM) and OCI fingerprint. Keyed by user and fingerprint, as a request's
 * {@code keyId} names it. Base store, replicated.
 */
@Entity
@Table(name = "API_KEY")
@Replicated
public class ApiKey extends VersionedRow {

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

    protected ApiKey() {}

    public ApiKey(User user, String fingerprint, String publicKeyPem, Instant now) {
        super(idOf(user.id(), fingerprint), now);
        this.userId = user.id();
        this.tenancyId = user.tenancyId();
        this.fingerprint = fingerprint;
        this.publicKeyPem = publicKeyPem;
        this.active = true;
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
}
