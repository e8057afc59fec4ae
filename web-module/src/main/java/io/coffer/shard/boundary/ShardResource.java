package io.coffer.shard.boundary;

import io.coffer.cell.control.CellForwarding;
import io.coffer.http.RequestValidation;
import io.coffer.platform.failure.CofferException;
import io.coffer.replication.monitor.ReplicaState;
import io.coffer.routing.control.StoreSettingsCache;
import io.coffer.routing.entity.ReadAccessor;
import io.coffer.routing.entity.StoreId;
import io.coffer.routing.entity.StoreSettings;
import io.coffer.shard.control.FlagBody;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code /admin/v1/shards}: every remote store with how its reads are served and whether its writes are captured, and
 * the switches. A switch made here is followed by every instance within seconds, without a redeploy.
 */
@Path("v1/shards")
@Produces(MediaType.APPLICATION_JSON)
public class ShardResource {

    @EJB
    ShardService shards;

    @Inject
    StoreSettingsCache cache;

    @Inject
    ReplicaState replicas;

    @Inject
    CellForwarding cells;

    @Inject
    RequestValidation requests;

    public record ReadsRequest(
            @NotNull(message = "accessor is required") String accessor) {}

    /** This host's replica of the store, as its replica monitor last saw it. */
    public record LocalReplica(long applied, long head, long eventsBehind, double lagSeconds, boolean caughtUp) {}

    /**
     * {@code reads} is the operator's setting; {@code readsHere} is what this host serves right now, which follows the
     * setting within seconds (a switch made on another host reaches this one at its next settings refresh). {@code
     * vaults} and {@code acceptsNewVaults} are absent for the base store, which holds no vaults; {@code store} is the
     * remote store's address, absent until this host has reached it once; {@code cellHosts} are the cell's live hosts
     * with their cell-internal URLs, absent while the base store cannot be asked.
     */
    public record ShardView(
            String id,
            String cell,
            List<CellHost> cellHosts,
            String store,
            Long vaults,
            Boolean acceptsNewVaults,
            String reads,
            String readsHere,
            boolean captureEnabled,
            Instant updatedAt,
            String updatedBy,
            LocalReplica localReplica) {}

    /** A live host of a cell and where other cells reach it. */
    public record CellHost(String host, String cellUrl) {}

    public record ShardList(List<ShardView> items) {}

    @GET
    public ShardList list() {
        return new ShardList(shards.list().stream().map(this::view).toList());
    }

    @GET
    @Path("{id}")
    public ShardView get(@PathParam("id") String id) {
        return view(shards.get(id));
    }

    @PUT
    @Path("{id}/reads")
    @Consumes(MediaType.APPLICATION_JSON)
    public ShardView switchReads(@PathParam("id") String id, ReadsRequest request) {
        requests.valid(request, "accessor");
        ReadAccessor accessor;
        try {
            accessor = ReadAccessor.valueOf(request.accessor().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw CofferException.invalid("accessor must be one of REMOTE, LOCAL, HYBRID");
        }
        return published(shards.switchReads(id, accessor, "operator"));
    }

    @PUT
    @Path("{id}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    public ShardView switchCapture(@PathParam("id") String id, String body) {
        return published(shards.switchCapture(id, FlagBody.read(body, "enabled"), "operator"));
    }

    /** Opens or closes a shard to new vaults; its vaults stay where they are. */
    @PUT
    @Path("{id}/placement")
    @Consumes(MediaType.APPLICATION_JSON)
    public ShardView place(@PathParam("id") String id, String body) {
        return view(shards.place(id, FlagBody.read(body, "acceptsNewVaults"), "operator"));
    }

    /** Committed: this instance follows the switch at once, the others at their next refresh. */
    private ShardView published(StoreSettings settings) {
        cache.changed(settings.store(), settings.reads(), settings.captureEnabled(), settings.version());
        return view(shards.describe(settings));
    }

    private ShardView view(ShardService.Shard shard) {
        StoreSettings settings = shard.settings();
        StoreId store = settings.store();
        ReplicaState.Position position = replicas.positions().get(store);
        LocalReplica replica = position == null
                ? null
                : new LocalReplica(
                        position.applied(),
                        position.head(),
                        position.eventsBehind(),
                        position.lag().toMillis() / 1000.0,
                        position.caughtUp());
        return new ShardView(
                store.name(),
                shard.cell(),
                cells.liveHostsOf(shard.cell())
                        .map(hosts -> hosts.stream()
                                .map(host -> new CellHost(host.host(), host.cellUrl()))
                                .toList())
                        .orElse(null),
                shard.address().orElse(null),
                shard.placement().map(ShardService.Placement::vaults).orElse(null),
                shard.placement().map(ShardService.Placement::acceptsNewVaults).orElse(null),
                settings.reads().name(),
                cache.reads(store).name(),
                settings.captureEnabled(),
                settings.updatedAt(),
                settings.updatedBy(),
                replica);
    }
}
