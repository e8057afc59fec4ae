package io.coffer.identity.boundary;

import io.coffer.http.RequestValidation;
import io.coffer.platform.wire.Rfc3339;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /admin/v1/tenancies}: the operator lists tenancies, and creates a tenancy with its administrator, who signs with
 * the key given here. The tenancy's OCID is also its root compartment.
 */
@Path("v1/tenancies")
public class TenancyResource {

    @EJB
    IdentityService identities;

    @Inject
    RequestValidation requests;

    public record CreateTenancy(String name, String adminPublicKey) {}

    public record CreatedTenancy(String id, String adminUserId, String fingerprint) {}

    public record TenancyView(String id, String name, String timeCreated) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TenancyView> list() {
        return identities.tenancies().stream()
                .map(tenancy -> new TenancyView(tenancy.id(), tenancy.name(), Rfc3339.format(tenancy.timeCreated())))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(CreateTenancy request) {
        requests.valid(request, "the tenancy");
        IdentityService.NewTenancy created = identities.createTenancy(request.name(), request.adminPublicKey());
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedTenancy(created.id(), created.adminUserId(), created.fingerprint()))
                .build();
    }
}
