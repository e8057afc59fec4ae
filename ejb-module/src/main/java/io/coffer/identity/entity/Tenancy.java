package io.coffer.identity.entity;

import io.coffer.platform.failure.CofferException;
import io.coffer.resource.entity.VersionedRow;
import io.coffer.routing.entity.Ocids;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.regex.Pattern;

/** A tenancy: the customer, and (as in OCI) its own root compartment. Base store, replicated. */
@Entity
@Table(name = "TENANCY", uniqueConstraints = @UniqueConstraint(name = "TENANCY_NAME", columnNames = "NAME"))
@Replicated
public class Tenancy extends VersionedRow {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

    @Column(name = "NAME", length = 100, nullable = false)
    private String name;

    protected Tenancy() {}

    public Tenancy(String id, String name, Instant now) {
        super(id, now);
        this.name = checkedName(name);
    }

    public static Tenancy create(String name, Instant now) {
        return new Tenancy(Ocids.newId("tenancy"), name, now);
    }

    public static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw CofferException.missing("name");
        }
        if (!NAME.matcher(name).matches()) {
            throw CofferException.invalid(
                    "name must be 1 to 100 letters, digits, '_', '.' or '-', starting with a letter");
        }
        return name;
    }

    public String name() {
        return name;
    }
}
