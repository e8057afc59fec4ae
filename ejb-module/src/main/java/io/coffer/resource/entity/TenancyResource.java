package io.coffer.resource.entity;

import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A resource of a tenancy: the tenancy that owns it, the compartment it sits in, and its lifecycle state (stored by
 * name; each resource reads it as its own OCI enum).
 */
@MappedSuperclass
public abstract class TenancyResource extends VersionedRow {

    public static final int MAX_OCID = 255;

    @Column(name = "TENANCY_ID", length = MAX_OCID, nullable = false)
    private String tenancyId;

    @Column(name = "COMPARTMENT_ID", length = MAX_OCID, nullable = false)
    private String compartmentId;

    @Column(name = "LIFECYCLE_STATE", length = 32, nullable = false)
    private String lifecycleState;

    protected TenancyResource() {}

    /** The row as stored (a plain-JDBC read). */
    protected TenancyResource(StoredRow row) {
        super(row);
        this.tenancyId = row.text("TENANCY_ID");
        this.compartmentId = row.text("COMPARTMENT_ID");
        this.lifecycleState = row.text("LIFECYCLE_STATE");
    }

    protected TenancyResource(String id, String tenancyId, String compartmentId, Enum<?> state, Instant timeCreated) {
        super(id, timeCreated);
        this.tenancyId = tenancyId;
        this.compartmentId = compartmentId;
        this.lifecycleState = state.name();
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String compartmentId() {
        return compartmentId;
    }

    /** The lifecycle state as the resource's own enum. */
    protected <S extends Enum<S>> S lifecycleState(Class<S> type) {
        return Enum.valueOf(type, lifecycleState);
    }

    protected void lifecycleState(Enum<?> state) {
        lifecycleState = state.name();
    }

    /** ChangeCompartment: the resource moves; the caller checked the compartment is one it may use. */
    public void moveToCompartment(String compartmentId) {
        this.compartmentId = compartmentId;
    }
}
