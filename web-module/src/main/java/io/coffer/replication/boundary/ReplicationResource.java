package io.coffer.replication.boundary;

import io.coffer.platform.settings.CofferSettings;
import io.coffer.replication.monitor.ReplicaState;
import io.coffer.replication.monitor.ReplicationInspector;
import io.coffer.replication.prune.LogPruning;
import io.coffer.replication.prune.PruneBody;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;

/** {@code /admin/v1/replication}: how far this host's local store has applied each remote store's log. */
@Path("v1/replication")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicationResource {

    @Inject
    ReplicaState replicas;

    @Inject
    CofferSettings settings;

    public record StoreReplica(
            String store, long applied, long head, long eventsBehind, double lagSeconds, boolean caughtUp) {}

    public record HostReplication(String instance, String cell, List<StoreReplica> stores) {}

    @EJB
    ReplicationInspector inspector;

    @EJB
    LogPruning pruning;

    /** Every host's applied position per store, as reported to the base store, with the log's head. */
    @GET
    @Path("hosts")
    public List<ReplicationInspector.HostPosition> hosts() {
        return inspector.hosts();
    }

    /** The store's content checksum on the remote store and on this host's local replica. */
    @GET
    @Path("stores/{store}/checksum")
    public ReplicationInspector.StoreChecksums checksum(@PathParam("store") String store) {
        return inspector.checksums(store);
    }

    /**
     * Prunes the store's log now: the entries every live host has applied and that are older than the retention. A
     * host that was down meanwhile rebuilds its replica from the remote store when it comes back.
     */
    @POST
    @Path("stores/{store}/prune")
    @Consumes(MediaType.APPLICATION_JSON)
    public LogPruning.Pruned prune(@PathParam("store") String store, String body) {
        return pruning.pruneNow(store, PruneBody.retention(body));
    }

    @GET
    public HostReplication status() {
        List<StoreReplica> stores = replicas.positions().entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getKey().name()))
                .map(entry -> new StoreReplica(
                        entry.getKey().name(),
                        entry.getValue().applied(),
                        entry.getValue().head(),
                        entry.getValue().eventsBehind(),
                        entry.getValue().lag().toMillis() / 1000.0,
                        entry.getValue().caughtUp()))
                .toList();
        return new HostReplication(settings.instance(), settings.cell(), stores);
    }
}
