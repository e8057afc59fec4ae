package io.coffer.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A row of settings the operator changes at runtime (how a store is served, throttling limits): who changed it last
 * and when, and its version, so that two operators' changes never overwrite each other unseen.
 */
@MappedSuperclass
public abstract class OperatorSetting {

    @Column(name = "UPDATED_AT", nullable = false)
    private Instant updatedAt;

    @Column(name = "UPDATED_BY", length = 128)
    private String updatedBy;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected void changedBy(String operator, Instant now) {
        this.updatedBy = operator;
        this.updatedAt = now;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public long version() {
        return version;
    }
}
