package io.coffer.key.boundary;

import io.coffer.http.OciRequests;
import io.coffer.http.Pages;
import io.coffer.http.RequestValidation;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.key.entity.wire.CreateKeyDetails;
import io.coffer.key.entity.wire.KeyJson;
import io.coffer.key.entity.wire.KeyVersionJson;
import io.coffer.key.entity.wire.UpdateKeyDetails;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
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

/**
 * The KMS management API of one vault, under the vault's management endpoint ({@code /kms/{vaultId}}), as
 * {@code KmsManagementClient} calls it: keys and key versions.
 */
@Path("kms/{vaultId}/20180608/keys")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {

    @EJB
    KeyService keys;

    @Inject
    CallerContext caller;

    @Inject
    RequestValidation requests;

    @PathParam("vaultId")
    String vaultId;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateKeyDetails details, @HeaderParam("opc-retry-token") String retryToken) {
        requests.valid(details, "CreateKeyDetails");
        return withEtag(keys.create(
                caller.tenancyId(), vaultId, details, OciRequests.retry(retryToken, "CreateKey", vaultId, details)));
    }

    @GET
    public Response list(
            @QueryParam("compartmentId") String compartmentId,
            @QueryParam("limit") Integer limit,
            @QueryParam("page") String page) {
        Page<MasterKey> found = keys.list(caller.tenancyId(), vaultId, compartmentId, limit, page);
        return Pages.of(found.items().stream().map(KeyJson::summary).toList(), found.nextPage());
    }

    @GET
    @Path("{keyId}")
    public Response get(@PathParam("keyId") String keyId) {
        return withEtag(keys.get(caller.tenancyId(), vaultId, keyId));
    }

    @PUT
    @Path("{keyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(
            @PathParam("keyId") String keyId, UpdateKeyDetails details, @HeaderParam("if-match") String ifMatch) {
        requests.valid(details, "UpdateKeyDetails");
        return withEtag(keys.update(caller.tenancyId(), vaultId, keyId, details, ifMatch));
    }

    @POST
    @Path("{keyId}/keyVersions")
    public Response createVersion(@PathParam("keyId") String keyId, @HeaderParam("opc-retry-token") String retryToken) {
        return withEtag(keys.createVersion(
                caller.tenancyId(), vaultId, keyId, OciRequests.retry(retryToken, "CreateKeyVersion", keyId, null)));
    }

    @GET
    @Path("{keyId}/keyVersions")
    public Response listVersions(
            @PathParam("keyId") String keyId, @QueryParam("limit") Integer limit, @QueryParam("page") String page) {
        Page<MasterKeyVersion> found = keys.listVersions(caller.tenancyId(), vaultId, keyId, limit, page);
        return Pages.of(found.items().stream().map(KeyVersionJson::summary).toList(), found.nextPage());
    }

    @GET
    @Path("{keyId}/keyVersions/{keyVersionId}")
    public Response getVersion(@PathParam("keyId") String keyId, @PathParam("keyVersionId") String keyVersionId) {
        return withEtag(keys.getVersion(caller.tenancyId(), vaultId, keyId, keyVersionId));
    }

    private static Response withEtag(MasterKey key) {
        return Response.ok(KeyJson.of(key))
                .header("etag", Etags.of(key.id(), key.version()))
                .build();
    }

    /** A key version never changes: its etag is fixed. */
    private static Response withEtag(MasterKeyVersion version) {
        return Response.ok(KeyVersionJson.of(version))
                .header("etag", Etags.of(version.id(), 0))
                .build();
    }
}
