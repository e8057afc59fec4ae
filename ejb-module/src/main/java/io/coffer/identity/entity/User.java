package io.coffer.identity.entity;

import io.coffer.resource.entity.VersionedRow;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** A principal of a tenancy. Base store, replicated. */
@Entity
@Table(name = "TENANCY_USER")
@Replicated
public class User extends VersionedRow {

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "NAME", length = 100, nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "ROLE_NAME", length = 32, nullable = false)
    private Role role;

    protected User() {}

    public User(String id, String tenancyId, String name, Role role, Instant now) {
        super(id, now);
        this.tenancyId = tenancyId;
        this.name = name;
        this.role = role;
    }

    public static User create(String tenancyId, String name, Role role, Instant now) {
        return new User(Ocids.newId("user"), tenancyId, name, role, now);
    }

    public String tenancyId() {
        return tenancyId;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }
}
