package io.coffer.identity.boundary;

import io.coffer.http.RequestValidation;
import io.coffer.identity.control.ApiKeyRevocations;
import io.coffer.identity.entity.ApiKey;
import io.coffer.platform.wire.Rfc3339;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /admin/v1/tenancies/{id}/users/{userId}/apiKeys}: the operator lists a user's API keys, adds one and deletes
 * one. A deleted key stops authenticating on every host within about a second (see {@code ApiKeyRevocations}).
 */
@Path("v1/tenancies/{tenancyId}/users/{userId}/apiKeys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @EJB
    ApiKeyService keys;

    @Inject
    ApiKeyRevocations revocations;

    @Inject
    RequestValidation requests;

    public record AddKey(
            @NotBlank(message = "publicKey is required") String publicKey) {}

    public record KeyView(String fingerprint, String userId, String timeCreated) {}

    public record DeletedKey(String fingerprint, boolean everyHostTold) {}

    @GET
    public List<KeyView> list(@PathParam("tenancyId") String tenancyId, @PathParam("userId") String userId) {
        return keys.list(tenancyId, userId).stream().map(ApiKeyResource::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("tenancyId") String tenancyId, @PathParam("userId") String userId, AddKey request) {
        requests.valid(request, "the key");
        return Response.status(Response.Status.CREATED)
                .entity(view(keys.add(tenancyId, userId, request.publicKey())))
                .build();
    }

    /** Committed first, then every host is told: a host never forgets a key that is still in the store. */
    @DELETE
    @Path("{fingerprint}")
    public DeletedKey delete(
            @PathParam("tenancyId") String tenancyId,
            @PathParam("userId") String userId,
            @PathParam("fingerprint") String fingerprint) {
        String deleted = keys.delete(tenancyId, userId, fingerprint);
        return new DeletedKey(fingerprint, revocations.revoke(deleted));
    }

    private static KeyView view(ApiKey key) {
        return new KeyView(key.fingerprint(), key.userId(), Rfc3339.format(key.timeCreated()));
    }
}
