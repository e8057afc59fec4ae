package io.coffer.retry.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A remembered retry token of a tenancy, in the store its request wrote (base or shard). Never replicated: retries are
 * a control-plane matter.
 */
@Entity
@Table(name = "RETRY_RECORD")
public class RetryRecord {

    @Id
    @Column(name = "TENANCY_AND_TOKEN", length = 200)
    private String tenancyAndToken;

    @Column(name = "REQUEST_HASH", length = 64, nullable = false)
    private String requestHash;

    @Column(name = "RESOURCE_ID", length = 128, nullable = false)
    private String resourceId;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected RetryRecord() {}

    public RetryRecord(String tenancyId, RetryToken retry, String resourceId, Instant now) {
        this.tenancyAndToken = key(tenancyId, retry.token());
        this.requestHash = retry.requestHash();
        this.resourceId = resourceId;
        this.createdAt = now;
    }

    public static String key(String tenancyId, String token) {
        return tenancyId + "/" + token;
    }

    public String requestHash() {
        return requestHash;
    }

    public String resourceId() {
        return resourceId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
