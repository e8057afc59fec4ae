package io.coffer.throttling.entity;

import io.coffer.routing.entity.OperatorSetting;
import io.coffer.routing.entity.Replicated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The limits the operator set for one scope: a tenancy ({@code tenancy:<OCID>}), the defaults of every tenancy
 * ({@value #DEFAULTS}), or the whole service ({@value #SERVICE}, which also says whether throttling is enforced at
 * all). Only scopes the operator set have a row. Base store, replicated, so a host follows it from its replica while
 * the base store is down.
 */
@Entity
@Table(name = "THROTTLE_LIMITS")
@Replicated
public class LimitSet extends OperatorSetting {

    public static final String DEFAULTS = "defaults";
    public static final String SERVICE = "service";
    private static final String TENANCY_PREFIX = "tenancy:";

    @Id
    @Column(name = "SCOPE", length = 160)
    private String scope;

    @Column(name = "DATA_PLANE_READS")
    private Long dataPlaneReads;

    @Column(name = "CONTROL_PLANE_READS")
    private Long controlPlaneReads;

    @Column(name = "CONTROL_PLANE_WRITES")
    private Long controlPlaneWrites;

    @Column(name = "BURST_SECONDS")
    private Long burstSeconds;

    /** Meaningful on the service scope only: false switches throttling off everywhere. */
    @Column(name = "ENFORCED", nullable = false)
    private boolean enforced;

    protected LimitSet() {}

    public LimitSet(String scope, Limits limits, boolean enforced, String operator, Instant now) {
        this.scope = scope;
        change(limits, enforced, operator, now);
    }

    public static String tenancyScope(String tenancyId) {
        return TENANCY_PREFIX + tenancyId;
    }

    /** The tenancy this row limits, or null for the defaults and the service rows. */
    public String tenancyId() {
        return scope.startsWith(TENANCY_PREFIX) ? scope.substring(TENANCY_PREFIX.length()) : null;
    }

    public void change(Limits limits, boolean enforced, String operator, Instant now) {
        this.dataPlaneReads = limits.dataPlaneReadsPerSecond();
        this.controlPlaneReads = limits.controlPlaneReadsPerSecond();
        this.controlPlaneWrites = limits.controlPlaneWritesPerSecond();
        this.burstSeconds = limits.burstSeconds();
        this.enforced = enforced;
        changedBy(operator, now);
    }

    public String scope() {
        return scope;
    }

    public Limits limits() {
        return new Limits(dataPlaneReads, controlPlaneReads, controlPlaneWrites, burstSeconds);
    }

    public boolean enforced() {
        return enforced;
    }
}
