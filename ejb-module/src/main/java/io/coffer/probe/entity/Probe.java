package io.coffer.probe.entity;

import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A record written into one remote store and replicated to every host's local store. */
@Entity
@Table(name = "PROBE")
@Replicated
public class Probe {

    public static final int MAX_NOTE = 200;

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "STORE_NAME", length = 32, nullable = false)
    private String store;

    @Column(name = "NOTE", length = MAX_NOTE)
    private String note;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected Probe() {}

    public Probe(String store, String note, Instant createdAt) {
        this.id = "probe-" + UUID.randomUUID();
        this.store = store;
        this.note = note;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String store() {
        return store;
    }

    public String note() {
        return note;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
