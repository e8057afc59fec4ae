package io.coffer.vault.boundary;

import io.coffer.cell.boundary.ForwardedRequests;
import io.coffer.http.OciRequests;
import io.coffer.http.Pages;
import io.coffer.http.RequestValidation;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.platform.settings.CofferSettings;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.Rfc3339;
import io.coffer.vault.entity.Vault;
import io.coffer.vault.entity.wire.CreateVaultDetails;
import io.coffer.vault.entity.wire.ScheduleVaultDeletionDetails;
import io.coffer.vault.entity.wire.UpdateVaultDetails;
import io.coffer.vault.entity.wire.VaultJson;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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

    @Context
    HttpServletRequest servletRequest;

    @Inject
    RequestValidation requests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateVaultDetails details, @HeaderParam("opc-retry-token") String retryToken) {
        requests.valid(details, "CreateVaultDetails");
        return withEtag(
                vaults.create(caller.tenancyId(), details, OciRequests.retry(retryToken, "CreateVault", "", details)));
    }

    @GET
    public Response list(
            @QueryParam("compartmentId") String compartmentId,
            @QueryParam("limit") Integer limit,
            @QueryParam("page") String page) {
        Page<Vault> found = vaults.list(caller.tenancyId(), compartmentId, limit, page);
        return Pages.of(
                found.items().stream()
                        .map(vault -> VaultJson.summary(publicUrl(), vault))
                        .toList(),
                found.nextPage());
    }

    @GET
    @Path("{vaultId}")
    public Response get(@PathParam("vaultId") String vaultId) {
        return withEtag(vaults.get(caller.tenancyId(), vaultId));
    }

    @PUT
    @Path("{vaultId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(
            @PathParam("vaultId") String vaultId, UpdateVaultDetails details, @HeaderParam("if-match") String ifMatch) {
        requests.valid(details, "UpdateVaultDetails");
        return withEtag(vaults.update(caller.tenancyId(), vaultId, details, ifMatch));
    }

    @POST
    @Path("{vaultId}/actions/scheduleDeletion")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response scheduleDeletion(
            @PathParam("vaultId") String vaultId,
            ScheduleVaultDeletionDetails details,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        String time = details == null ? null : details.timeOfDeletion();
        return withEtag(vaults.scheduleDeletion(
                caller.tenancyId(),
                vaultId,
                Rfc3339.parse("timeOfDeletion", time),
                ifMatch,
                OciRequests.retry(retryToken, "ScheduleVaultDeletion", vaultId, details)));
    }

    @POST
    @Path("{vaultId}/actions/cancelDeletion")
    public Response cancelDeletion(
            @PathParam("vaultId") String vaultId,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        return withEtag(vaults.cancelDeletion(
                caller.tenancyId(),
                vaultId,
                ifMatch,
                OciRequests.retry(retryToken, "CancelVaultDeletion", vaultId, null)));
    }

    private Response withEtag(Vault vault) {
        return Response.ok(VaultJson.of(publicUrl(), vault))
                .header("etag", Etags.of(vault.id(), vault.version()))
                .build();
    }

    /** The vault's endpoints name the host the client called: the base cell's, when another cell answers for it. */
    private String publicUrl() {
        return ForwardedRequests.clientFacingUrl(servletRequest, settings.publicUrl());
    }
}
