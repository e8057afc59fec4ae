package io.coffer.key.boundary;

import io.coffer.http.OciRequests;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.key.entity.wire.KeyViews.CreateKeyDetails;
import io.coffer.key.entity.wire.KeyViews.UpdateKeyDetails;
import io.coffer.key.entity.wire.KeyViews;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
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

    @PathParam("vaultId")
    String vaultId;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateKeyDetails details, @HeaderParam("opc-retry-token") String retryToken) {
        OciRequests.required(details, "CreateKeyDetails");
        KeyViews.KeyShape shape = OciRequests.required(details.keyShape(), "keyShape");
        MasterKey key = keys.create(caller.tenancyId(), vaultId, details.compartmentId(), details.displayName(),
                shape.algorithm(), shape.length(), details.protectionMode(), ResourceTags.freeformToJson(details.freeformTags()),
                ResourceTags.definedToJson(details.definedTags()), OciRequests.retry(retryToken, "CreateKey", vaultId, details));
        return withEtag(key);
    }

    @GET
    public Response list(@QueryParam("compartmentId") String compartmentId, @QueryParam("limit") Integer limit,
            @QueryParam("page") String page) {
        Page<MasterKey> found = keys.list(caller.tenancyId(), vaultId, compartmentId, limit, page);
        Response.ResponseBuilder response = Response.ok(found.items().stream().map(KeyViews::summary).toList());
        if (found.nextPage() != null) {
            response.header("opc-next-page", found.nextPage());
        }
        return response.build();
    }

    @GET
    @Path("{keyId}")
    public Response get(@PathParam("keyId") String keyId) {
        return withEtag(keys.get(caller.tenancyId(), vaultId, keyId));
    }

    @PUT
    @Path("{keyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("keyId") String keyId, UpdateKeyDetails details, @HeaderParam("if-match") String ifMatch) {
        OciRequests.required(details, "UpdateKeyDetails");
        return withEtag(keys.update(caller.tenancyId(), vaultId, keyId, details.displayName(),
                ResourceTags.freeformToJson(details.freeformTags()), ResourceTags.definedToJson(details.definedTags()), ifMatch));
    }

    @POST
    @Path("{keyId}/keyVersions")
    public Response createVersion(@PathParam("keyId") String keyId, @HeaderParam("opc-retry-token") String retryToken) {
        MasterKeyVersion version = keys.createVersion(caller.tenancyId(), vaultId, keyId,
                OciRequests.retry(retryToken, "CreateKeyVersion", keyId, null));
        return Response.ok(KeyViews.view(version)).header("etag", Etags.of(version.id(), 0)).build();
    }

    @GET
    @Path("{keyId}/keyVersions")
    public Response listVersions(@PathParam("keyId") String keyId, @QueryParam("limit") Integer limit,
            @QueryParam("page") String page) {
        Page<MasterKeyVersion> found = keys.listVersions(caller.tenancyId(), vaultId, keyId, limit, page);
        Response.ResponseBuilder response = Response.ok(found.items().stream().map(KeyViews::summary).toList());
        if (found.nextPage() != null) {
            response.header("opc-next-page", found.nextPage());
        }
        return response.build();
    }

    @GET
    @Path("{keyId}/keyVersions/{keyVersionId}")
    public Response getVersion(@PathParam("keyId") String keyId, @PathParam("keyVersionId") String keyVersionId) {
        MasterKeyVersion version = keys.getVersion(caller.tenancyId(), vaultId, keyId, keyVersionId);
        return Response.ok(KeyViews.view(version)).header("etag", Etags.of(version.id(), 0)).build();
    }

    private static Response withEtag(MasterKey key) {
        return Response.ok(KeyViews.view(key)).header("etag", Etags.of(key.id(), key.version())).build();
    }
}
