package io.coffer.shard.boundary;

import io.coffer.http.RequestValidation;
import io.coffer.platform.failure.CofferException;
import io.coffer.platform.time.RealTime;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.replication.migration.LiveVerifierMetrics;
import io.coffer.replication.migration.MigrationProgress;
import io.coffer.replication.migration.MigrationService;
import io.coffer.replication.migration.WorkRow;
import io.coffer.replication.migration.WorkState;
import io.coffer.routing.control.StoreSettingsCache;
import io.coffer.routing.entity.MigrationPhase;
import io.coffer.routing.entity.StoreMigration;
import io.coffer.routing.entity.StoreSettings;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /admin/v1/shards/{id}/migration}: where a store's migration to local reads stands, and the operator's moves
 * (advance, rollback, pause, resume, the backfill's rate). Each move answers the new state; a forward move whose exit
 * criterion does not hold is 409 naming the criterion, unless {@code ?force=true}.
 */
@Path("v1/shards/{id}/migration")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

    @Inject
    LiveVerifierMetrics liveVerifierMetrics;

    @EJB
    MigrationService migrations;

    @EJB
    MigrationProgress progress;

    @Inject
    StoreSettingsCache cache;

    @Inject
    RequestValidation requests;

    @Inject
    @RealTime
    Clock clock;

    public record BackfillRate(
            @NotNull(message = "entitiesPerSecond is required")
            Long entitiesPerSecond) {}

    @GET
    public String get(@PathParam("id") String id) {
        return view(migrations.get(id));
    }

    @POST
    @Path("advance")
    public String advance(@PathParam("id") String id, @QueryParam("force") String force) {
        return published(migrations.advance(id, forced(force), "operator"));
    }

    @POST
    @Path("rollback")
    public String rollBack(@PathParam("id") String id) {
        return published(migrations.rollBack(id, "operator"));
    }

    @POST
    @Path("pause")
    public String pause(@PathParam("id") String id) {
        return published(migrations.pause(id, "operator"));
    }

    @POST
    @Path("resume")
    public String resume(@PathParam("id") String id) {
        return published(migrations.resume(id, "operator"));
    }

    @PUT
    @Path("backfill-rate")
    @Consumes(MediaType.APPLICATION_JSON)
    public String backfillRate(@PathParam("id") String id, BackfillRate rate) {
        requests.valid(rate, "entitiesPerSecond");
        return published(migrations.limitBackfill(id, rate.entitiesPerSecond(), "operator"));
    }

    private static boolean forced(String force) {
        if (force == null || force.equals("false")) {
            return false;
        }
        if (force.equals("true")) {
            return true;
        }
        throw CofferException.invalid("force must be true or false");
    }

    /** Committed: this instance follows the phase's switches at once, the others at their next refresh. */
    private String published(MigrationService.Current current) {
        StoreSettings settings = current.settings();
        cache.changed(settings.store(), settings.reads(), settings.captureEnabled(), settings.version());
        return view(current);
    }

    /** Built as JSON text here, so that the shape (nulls included) does not depend on a JSON provider's settings. */
    private String view(MigrationService.Current current) {
        StoreMigration migration = current.migration();
        StoreSettings settings = current.settings();
        MigrationProgress.Work work = progress.of(migration.store());
        Instant now = clock.instant();
        Optional<WorkRow> backfill = work.currentBackfill(migration);
        Optional<WorkRow> sweep = work.currentSweep(migration);
        WorkState backfillState = state(migration, MigrationPhase.BACKFILL, backfill);
        WorkState sweepState = state(migration, MigrationPhase.VERIFY, sweep);
        double rate =
                backfillState == WorkState.RUNNING ? backfill.map(WorkRow::rate).orElse(0.0) : 0.0;
        JsonObjectBuilder backfillView = Json.createObjectBuilder()
                .add("state", backfillState.name())
                .add("processed", backfill.map(WorkRow::processed).orElse(0L))
                .add("total", backfill.map(WorkRow::total).orElse(0L))
                .add("skipped", backfill.map(WorkRow::skipped).orElse(0L))
                .add("ratePerSecond", rate)
                .add("limitPerSecond", migration.backfillLimit());
        Optional<Instant> eta = backfill.filter(row -> rate > 0)
                .map(row -> now.plusMillis((long) (Math.max(0, row.total() - row.processed()) * 1000 / rate)));
        nullable(backfillView, "eta", eta);
        JsonObjectBuilder verification = Json.createObjectBuilder()
                .add("state", sweepState.name())
                .add("checked", sweep.map(WorkRow::processed).orElse(0L))
                .add("total", sweep.map(WorkRow::total).orElse(0L))
                .add("discrepancies", sweep.map(WorkRow::discrepancies).orElse(0L))
                .add("repaired", sweep.map(WorkRow::repaired).orElse(0L));
        JsonObjectBuilder liveVerifier = Json.createObjectBuilder()
                .add("sampled", liveVerifierMetrics.sampled(migration.store()))
                .add("discrepancies", work.liveDiscrepancies());
        nullable(liveVerifier, "lastDiscrepancy", work.lastLiveDiscrepancy());
        boolean outside = migration.switchesChangedOutside(settings);
        JsonObjectBuilder switches = Json.createObjectBuilder()
                .add("reads", settings.reads().name())
                .add("readsHere", cache.reads(settings.store()).name())
                .add("captureEnabled", settings.captureEnabled())
                .add("changedOutsideMachine", outside);
        nullable(switches, "changedAt", Optional.ofNullable(outside ? settings.updatedAt() : null));
        if (outside) {
            switches.add("changedBy", settings.updatedBy() == null ? "" : settings.updatedBy());
        } else {
            switches.addNull("changedBy");
        }
        JsonObjectBuilder view = Json.createObjectBuilder()
                .add("store", migration.store().name())
                .add("phase", migration.phase().name())
                .add("since", Rfc3339.format(migration.phaseSince()));
        nullable(view, "liveSyncSince", migration.liveSyncSince());
        return view.add("paused", migration.paused())
                .add("backfill", backfillView)
                .add("verification", verification)
                .add("liveVerifier", liveVerifier)
                .add("switches", switches)
                .build()
                .toString();
    }

    /** The work of a phase: idle before it, running or paused in it until done, done once done. */
    private static WorkState state(StoreMigration migration, MigrationPhase phase, Optional<WorkRow> row) {
        int order = migration.phase().compareTo(phase);
        if (order < 0) {
            return WorkState.IDLE;
        }
        if (row.map(WorkRow::done).orElse(false)) {
            return WorkState.DONE;
        }
        if (order > 0) {
            return WorkState.IDLE;
        }
        return migration.paused() ? WorkState.PAUSED : WorkState.RUNNING;
    }

    private static void nullable(JsonObjectBuilder json, String name, Optional<Instant> time) {
        if (time.isPresent()) {
            json.add(name, Rfc3339.format(time.get()));
        } else {
            json.addNull(name);
        }
    }
}
