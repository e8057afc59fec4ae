package io.coffer.identity.entity;

import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A principal of a tenancy. Base store, replicated. */
@Entity
@Table(name = "TENANCY_USER")
@Replicated
public class User {

    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Column(name = "TENANCY_ID", length = 128, nullable = false)
    private String tenancyId;

    @Column(name = "NAME", length = 100, nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "ROLE_NAME", length = 32, nullable = false)
    private Role role;

    @Column(name = "TIME_CREATED", nullable = false)
    private Instant timeCreated;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected User() {
    }

    public User(String id, String tenancyId, String name, Role role, Instant now) {
        this.id = id;
        this.tenancyId = tenancyId;
        this.name = name;
        this.role = role;
        this.timeCreated = now;
    }

    public static User create(String tenancyId, String name, Role role, Instant now) {
        return new User(Ocids.newId("user"), tenancyId, name, role, now);
    }

    public String id() {
        return id;
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
