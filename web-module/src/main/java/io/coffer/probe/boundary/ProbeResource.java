package io.coffer.probe.boundary;

import io.coffer.platform.failure.CofferException;
import io.coffer.probe.entity.Probe;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code /admin/v1/stores/{store}/probes}: write a probe into a remote store, read it back from the remote store or
 * from this host's local store ({@code ?from=local}).
 */
@Path("v1/stores/{store}/probes")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    @EJB
    ProbeService probes;

    public record ProbeRequest(String note) {}

    public record ProbeView(String id, String store, String note, Instant createdAt, long version, String readFrom) {
        static ProbeView of(Probe probe, String readFrom) {
            return new ProbeView(probe.id(), probe.store(), probe.note(), probe.createdAt(), probe.version(), readFrom);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response write(@PathParam("store") String store, ProbeRequest request) {
        Probe probe = probes.write(store, request == null ? null : request.note());
        return Response.created(UriBuilder.fromPath("/admin/v1/stores/{store}/probes/{id}")
                        .build(store, probe.id()))
                .entity(ProbeView.of(probe, "remote"))
                .build();
    }

    @GET
    @Path("{id}")
    public ProbeView read(
            @PathParam("store") String store,
            @PathParam("id") String id,
            @QueryParam("from") @DefaultValue("remote") String from) {
        Optional<Probe> probe = switch (from) {
            case "remote" -> probes.readRemote(store, id);
            case "local" -> probes.readLocal(store, id);
            default -> throw CofferException.invalid("from must be 'remote' or 'local'");
        };
        return probe.map(found -> ProbeView.of(found, from))
                .orElseThrow(() -> CofferException.notFound("probe " + id + " in the " + from + " store"));
    }
}
