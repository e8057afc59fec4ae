package io.coffer.secret.boundary;

import io.coffer.http.ListQuery;
import io.coffer.http.OciRequests;
import io.coffer.http.Pages;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.secret.boundary.SecretService.SecretWithMetadata;
import io.coffer.secret.control.SecretListing;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.wire.ChangeSecretCompartmentDetails;
import io.coffer.secret.entity.wire.CreateSecretDetails;
import io.coffer.secret.entity.wire.ScheduleSecretDeletionDetails;
import io.coffer.secret.entity.wire.ScheduleSecretVersionDeletionDetails;
import io.coffer.secret.entity.wire.SecretJson;
import io.coffer.secret.entity.wire.SecretVersionJson;
import io.coffer.secret.entity.wire.UpdateSecretDetails;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import java.util.UUID;

/** The Vaults service's secrets: {@code /20180608/secrets}, as {@code VaultsClient} calls it. */
@Path("20180608/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretResource {

    @EJB
    SecretService secrets;

    @EJB
    NewSecrets newSecrets;

    @Inject
    CallerContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateSecretDetails details, @HeaderParam("opc-retry-token") String retryToken) {
        return withSecret(newSecrets.create(
                caller.tenancyId(), details, OciRequests.retry(retryToken, "CreateSecret", "", details)));
    }

    @GET
    public Response list(
            @QueryParam("compartmentId") String compartmentId,
            @QueryParam("name") String name,
            @QueryParam("vaultId") String vaultId,
            @QueryParam("lifecycleState") String lifecycleState,
            @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder,
            @QueryParam("limit") Integer limit,
            @QueryParam("page") String page) {
        Page<Secret> found = secrets.list(SecretListing.criteria(
                caller.tenancyId(), compartmentId, vaultId, name, lifecycleState, sortBy, sortOrder, limit, page));
        return Pages.of(found.items().stream().map(SecretJson::summary).toList(), found.nextPage());
    }

    @GET
    @Path("{secretId}")
    public Response get(@PathParam("secretId") String secretId) {
        return withSecret(secrets.get(caller.tenancyId(), secretId));
    }

    @PUT
    @Path("{secretId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(
            @PathParam("secretId") String secretId,
            UpdateSecretDetails details,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        return withSecret(secrets.update(
                caller.tenancyId(),
                secretId,
                details,
                ifMatch,
                OciRequests.retry(retryToken, "UpdateSecret", secretId, details)));
    }

    @POST
    @Path("{secretId}/actions/scheduleDeletion")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response scheduleDeletion(
            @PathParam("secretId") String secretId,
            ScheduleSecretDeletionDetails details,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        return etagOnly(secrets.scheduleDeletion(
                        caller.tenancyId(),
                        secretId,
                        details,
                        ifMatch,
                        OciRequests.retry(retryToken, "ScheduleSecretDeletion", secretId, details))
                .secret());
    }

    @POST
    @Path("{secretId}/actions/cancelDeletion")
    public Response cancelDeletion(
            @PathParam("secretId") String secretId,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        return etagOnly(secrets.cancelDeletion(
                        caller.tenancyId(),
                        secretId,
                        ifMatch,
                        OciRequests.retry(retryToken, "CancelSecretDeletion", secretId, null))
                .secret());
    }

    @POST
    @Path("{secretId}/actions/changeCompartment")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeCompartment(
            @PathParam("secretId") String secretId,
            ChangeSecretCompartmentDetails details,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        return etagOnly(secrets.changeCompartment(
                        caller.tenancyId(),
                        secretId,
                        details,
                        ifMatch,
                        OciRequests.retry(retryToken, "ChangeSecretCompartment", secretId, details))
                .secret());
    }

    /** Rotation runs at once (Coffer generates the content itself); the work request id names this rotation. */
    @POST
    @Path("{secretId}/actions/rotate")
    public Response rotate(
            @PathParam("secretId") String secretId,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        SecretWithMetadata rotated = secrets.rotate(
                caller.tenancyId(), secretId, ifMatch, OciRequests.retry(retryToken, "RotateSecret", secretId, null));
        return Response.accepted()
                .header("opc-work-request-id", "ocid1.coffer-rotation.oc1.coffer." + UUID.randomUUID())
                .header("etag", Etags.of(rotated.secret().id(), rotated.secret().version()))
                .build();
    }

    @POST
    @Path("{secretId}/actions/cancelRotation")
    public Response cancelRotation(@PathParam("secretId") String secretId, @HeaderParam("if-match") String ifMatch) {
        secrets.cancelRotation(caller.tenancyId(), secretId, ifMatch);
        return Response.ok().build();
    }

    @GET
    @Path("{secretId}/versions")
    public Response versions(@PathParam("secretId") String secretId, @BeanParam ListQuery query) {
        Page<SecretVersion> found =
                secrets.versions(caller.tenancyId(), secretId, query.sortBy, query.sortOrder, query.limit, query.page);
        return Pages.of(found.items().stream().map(SecretVersionJson::summary).toList(), found.nextPage());
    }

    @GET
    @Path("{secretId}/version/{versionNumber}")
    public Response version(@PathParam("secretId") String secretId, @PathParam("versionNumber") long versionNumber) {
        SecretVersion version = secrets.version(caller.tenancyId(), secretId, versionNumber);
        return Response.ok(SecretVersionJson.of(version))
                .header("etag", Etags.of(version.id(), version.version()))
                .build();
    }

    @POST
    @Path("{secretId}/version/{versionNumber}/actions/scheduleDeletion")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response scheduleVersionDeletion(
            @PathParam("secretId") String secretId,
            @PathParam("versionNumber") long versionNumber,
            ScheduleSecretVersionDeletionDetails details,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        SecretVersion version = secrets.scheduleVersionDeletion(
                caller.tenancyId(),
                secretId,
                versionNumber,
                details,
                ifMatch,
                OciRequests.retry(
                        retryToken, "ScheduleSecretVersionDeletion", secretId + "/" + versionNumber, details));
        return Response.ok()
                .header("etag", Etags.of(version.id(), version.version()))
                .build();
    }

    @POST
    @Path("{secretId}/version/{versionNumber}/actions/cancelDeletion")
    public Response cancelVersionDeletion(
            @PathParam("secretId") String secretId,
            @PathParam("versionNumber") long versionNumber,
            @HeaderParam("if-match") String ifMatch,
            @HeaderParam("opc-retry-token") String retryToken) {
        SecretVersion version = secrets.cancelVersionDeletion(
                caller.tenancyId(),
                secretId,
                versionNumber,
                ifMatch,
                OciRequests.retry(retryToken, "CancelSecretVersionDeletion", secretId + "/" + versionNumber, null));
        return Response.ok()
                .header("etag", Etags.of(version.id(), version.version()))
                .build();
    }

    private static Response withSecret(SecretWithMetadata found) {
        return Response.ok(SecretJson.of(found.secret(), found.metadata()))
                .header("etag", Etags.of(found.secret().id(), found.secret().version()))
                .build();
    }

    private static Response etagOnly(Secret secret) {
        return Response.ok()
                .header("etag", Etags.of(secret.id(), secret.version()))
                .build();
    }
}
