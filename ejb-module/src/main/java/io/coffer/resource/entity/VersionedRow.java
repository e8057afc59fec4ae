package io.coffer.resource.entity;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A row Coffer keeps of a resource: its primary key (an OCID, or a key derived from one), when it was created (to the
 * millisecond), and the {@code @Version} that is both its optimistic lock and the source of its etag. Inherited
 * mappings are part of the entity's EclipseLink descriptor, so replication captures them with the entity's own.
 */
@MappedSuperclass
public abstract class VersionedRow {

    /** The widest any table had before: a secret version's id is its secret's OCID and number. */
    public static final int MAX_ID = 300;

    @Id
    @Column(name = "ID", length = MAX_ID)
    private String id;

    @Column(name = "TIME_CREATED", nullable = false)
    private Instant timeCreated;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected VersionedRow() {}

    /** The row as stored (a plain-JDBC read): every column this class maps, as EclipseLink would have read it. */
    protected VersionedRow(StoredRow row) {
        this.id = row.text("ID");
        this.timeCreated = row.instant("TIME_CREATED");
        this.version = row.number("VERSION");
    }

    protected VersionedRow(String id, Instant timeCreated) {
        this.id = id;
        this.timeCreated = Rfc3339.millis(timeCreated);
    }

    public String id() {
        return id;
    }

    public Instant timeCreated() {
        return timeCreated;
    }

    /** Grows with every committed change of the row; etags derive from it. */
    public long version() {
        return version;
    }
}
