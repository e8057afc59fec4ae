package io.coffer.routing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * Where a customer resource lives: its shard, its vault and its tenancy, by the resource's OCID. Requests route by
 * the resource they name, never by the caller, so cross-tenancy and on-behalf-of requests land on the right shard.
 * Kept in the base store and replicated to every data-plane host.
 */
@Entity
@Table(name = "RESOURCE_ROUTE", indexes = @Index(name = "RESOURCE_ROUTE_TENANCY", columnList = "TENANCY_ID, KIND"))
@Replicated
public class ResourceRoute {

    @Id
    @Column(name = "RESOURCE_ID", length = 128)
    private String resourceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false)
    private ResourceKind kind;

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "VAULT_ID", length = 128, nullable = false)
    private String vaultId;

    @Column(name = "STORE_NAME", length = 32, nullable = false)
    private String store;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected ResourceRoute() {}

    /** The route as stored (a plain-JDBC read of its row). */
    public ResourceRoute(StoredRow row) {
        resourceId = row.text("RESOURCE_ID");
        String storedKind = row.text("KIND");
        kind = storedKind == null ? null : ResourceKind.valueOf(storedKind);
        tenancyId = row.text("TENANCY_ID");
        vaultId = row.text("VAULT_ID");
        store = row.text("STORE_NAME");
        createdAt = row.instant("CREATED_AT");
        version = row.number("VERSION");
    }

    public ResourceRoute(
            String resourceId, ResourceKind kind, String tenancyId, String vaultId, StoreId store, Instant createdAt) {
        if (store.isBase()) {
            throw new IllegalArgumentException("customer resources live in a shard, not in the base store");
        }
        this.resourceId = resourceId;
        this.kind = kind;
        this.tenancyId = tenancyId;
        this.vaultId = vaultId;
        this.store = store.name();
        this.createdAt = createdAt;
    }

    public String resourceId() {
        return resourceId;
    }

    public ResourceKind kind() {
        return kind;
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String vaultId() {
        return vaultId;
    }

    public StoreId store() {
        return StoreId.of(store);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
