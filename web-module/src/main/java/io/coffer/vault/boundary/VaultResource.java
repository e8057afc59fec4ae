package io.coffer.vault.boundary;

import io.coffer.platform.wire.Rfc3339;
import io.coffer.http.OciRequests;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.vault.entity.wire.VaultViews.CreateVaultDetails;
import io.coffer.vault.entity.wire.VaultViews.ScheduleVaultDeletionDetails;
import io.coffer.vault.entity.wire.VaultViews.UpdateVaultDetails;
import io.coffer.vault.entity.wire.VaultViews;
import io.coffer.vault.entity.Vault;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.resource.entity.ResourceTags;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The KMS API's vaults: {@code /20180608/vaults}, as {@code KmsVaultClient} calls them. */
@Path("20180608/vaults")
@Produces(MediaType.APPLICATION_JSON)
public class VaultResource {

    @EJB
    VaultService vaults;

    @Inject
    CallerContext caller;

    @Inject
    CofferSettings settings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateVaultDetails details, @HeaderParam("opc-retry-token") String retryToken) {
        OciRequests.required(details, "CreateVaultDetails");
        Vault vault = vaults.create(caller.tenancyId(), details.compartmentId(), details.displayName(), details.vaultType(),
                ResourceTags.freeformToJson(details.freeformTags()), ResourceTags.definedToJson(details.definedTags()),
                OciRequests.retry(retryToken, "CreateVault", "", details));
        return withEtag(vault);
    }

    @GET
    public Response list(@QueryParam("compartmentId") String compartmentId, @QueryParam("limit") Integer limit,
            @QueryParam("page") String page) {
        Page<Vault> found = vaults.list(caller.tenancyId(), compartmentId, limit, page);
        Response.ResponseBuilder response = Response.ok(found.items().stream()
                .map(vault -> VaultViews.summary(settings.publicUrl(), vault)).toList());
        if (found.nextPage() != null) {
            response.header("opc-next-page", found.nextPage());
        }
        return response.build();
    }

    @GET
    @Path("{vaultId}")
    public Response get(@PathParam("vaultId") String vaultId) {
        return withEtag(vaults.get(caller.tenancyId(), vaultId));
    }

    @PUT
    @Path("{vaultId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("vaultId") String vaultId, UpdateVaultDetails details,
            @HeaderParam("if-match") String ifMatch) {
        OciRequests.required(details, "UpdateVaultDetails");
        return withEtag(vaults.update(caller.tenancyId(), vaultId, details.displayName(),
                ResourceTags.freeformToJson(details.freeformTags()), ResourceTags.definedToJson(details.definedTags()), ifMatch));
    }

    @POST
    @Path("{vaultId}/actions/scheduleDeletion")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response scheduleDeletion(@PathParam("vaultId") String vaultId, ScheduleVaultDeletionDetails details,
            @HeaderParam("if-match") String ifMatch, @HeaderParam("opc-retry-token") String retryToken) {
        String time = details == null ? null : details.timeOfDeletion();
        return withEtag(vaults.scheduleDeletion(caller.tenancyId(), vaultId, Rfc3339.parse("timeOfDeletion", time), ifMatch,
                OciRequests.retry(retryToken, "ScheduleVaultDeletion", vaultId, details)));
    }

    @POST
    @Path("{vaultId}/actions/cancelDeletion")
    public Response cancelDeletion(@PathParam("vaultId") String vaultId, @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        return withEtag(vaults.cancelDeletion(caller.tenancyId(), vaultId, ifMatch,
                OciRequests.retry(retryToken, "CancelVaultDeletion", vaultId, null)));
    }

    private Response withEtag(Vault vault) {
        return Response.ok(VaultViews.view(settings.publicUrl(), vault)).header("etag", Etags.of(vault.id(), vault.version())).build();
    }
}
