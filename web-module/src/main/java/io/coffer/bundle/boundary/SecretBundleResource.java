package io.coffer.bundle.boundary;

import io.coffer.bundle.boundary.SecretBundleService.Bundle;
import io.coffer.bundle.control.BundleSelector;
import io.coffer.bundle.entity.wire.SecretBundleJson;
import io.coffer.http.ListQuery;
import io.coffer.http.Pages;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.secret.entity.SecretVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Secrets service (data plane): {@code /20190301/secretbundles}, as {@code SecretsClient} calls it. One instance
 * serves every request (it keeps nothing of a request; the caller comes from the request-scoped {@link CallerContext}),
 * so a read does not pay for creating and injecting a resource.
 */
@ApplicationScoped
@Path("20190301/secretbundles")
@Produces(MediaType.APPLICATION_JSON)
public class SecretBundleResource {

    @Inject
    SecretBundleService bundles;

    @Inject
    CallerContext caller;

    @GET
    @Path("{secretId}")
    public Response get(
            @PathParam("secretId") String secretId,
            @QueryParam("versionNumber") Long versionNumber,
            @QueryParam("secretVersionName") String versionName,
            @QueryParam("stage") String stage) {
        BundleSelector selector = BundleSelector.of(versionNumber, versionName, stage);
        return bundle(bundles.get(caller.tenancyId(), secretId, selector));
    }

    @POST
    @Path("actions/getByName")
    public Response getByName(
            @QueryParam("secretName") String secretName,
            @QueryParam("vaultId") String vaultId,
            @QueryParam("versionNumber") Long versionNumber,
            @QueryParam("secretVersionName") String versionName,
            @QueryParam("stage") String stage) {
        BundleSelector selector = BundleSelector.of(versionNumber, versionName, stage);
        return bundle(bundles.byName(caller.tenancyId(), vaultId, secretName, selector));
    }

    @GET
    @Path("{secretId}/versions")
    public Response versions(@PathParam("secretId") String secretId, @BeanParam ListQuery query) {
        Page<SecretVersion> found =
                bundles.versions(caller.tenancyId(), secretId, query.sortBy, query.sortOrder, query.limit, query.page);
        return Pages.of(found.items().stream().map(SecretBundleJson::summary).toList(), found.nextPage());
    }

    private static Response bundle(Bundle bundle) {
        SecretVersion version = bundle.version();
        return Response.ok(
                        SecretBundleJson.of(version, bundle.content(), bundle.metadata())
                                .toJson(),
                        MediaType.APPLICATION_JSON_TYPE)
                .header("etag", Etags.of(version.id(), version.version()))
                .build();
    }
}
