package io.coffer.bundle.boundary;

import io.coffer.bundle.boundary.SecretBundleService.Bundle;
import io.coffer.bundle.control.BundleSelector;
import io.coffer.identity.boundary.CallerContext;
import io.coffer.secret.entity.SecretVersion;
import io.coffer.secret.entity.Stage;
import io.coffer.platform.wire.Etags;
import io.coffer.platform.wire.Page;
import io.coffer.platform.wire.Rfc3339;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The Secrets service (data plane): {@code /20190301/secretbundles}, as {@code SecretsClient} calls it. */
@Path("20190301/secretbundles")
@Produces(MediaType.APPLICATION_JSON)
public class SecretBundleResource {

    @EJB
    SecretBundleService bundles;

    @Inject
    CallerContext caller;

    public record SecretBundleContent(String contentType, String content) {
    }

    public record SecretBundleView(String secretId, String timeCreated, Long versionNumber, String versionName,
            SecretBundleContent secretBundleContent, String timeOfDeletion, String timeOfExpiry, List<String> stages,
            Map<String, Object> metadata) {
    }

    public record SecretBundleVersionSummaryView(String secretId, String timeCreated, Long versionNumber,
            String versionName, String timeOfDeletion, String timeOfExpiry, List<String> stages) {
    }

    @GET
    @Path("{secretId}")
    public Response get(@PathParam("secretId") String secretId, @QueryParam("versionNumber") Long versionNumber,
            @QueryParam("secretVersionName") String versionName, @QueryParam("stage") String stage) {
        return bundle(bundles.get(caller.tenancyId(), secretId, BundleSelector.of(versionNumber, versionName, stage)));
    }

    @POST
    @Path("actions/getByName")
    public Response getByName(@QueryParam("secretName") String secretName, @QueryParam("vaultId") String vaultId,
            @QueryParam("versionNumber") Long versionNumber, @QueryParam("secretVersionName") String versionName,
            @QueryParam("stage") String stage) {
        return bundle(bundles.byName(caller.tenancyId(), vaultId, secretName,
                BundleSelector.of(versionNumber, versionName, stage)));
    }

    @GET
    @Path("{secretId}/versions")
    public Response versions(@PathParam("secretId") String secretId, @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder, @QueryParam("limit") Integer limit, @QueryParam("page") String page) {
        Page<SecretVersion> found = bundles.versions(caller.tenancyId(), secretId, sortBy, sortOrder, limit, page);
        Response.ResponseBuilder response = Response.ok(found.items().stream()
                .map(version -> new SecretBundleVersionSummaryView(version.secretId(), Rfc3339.format(version.timeCreated()),
                        version.versionNumber(), version.name(), Rfc3339.format(version.timeOfDeletion()),
                        Rfc3339.format(version.timeOfExpiry()), stages(version)))
                .toList());
        if (found.nextPage() != null) {
            response.header("opc-next-page", found.nextPage());
        }
        return response.build();
    }

    private static Response bundle(Bundle bundle) {
        SecretVersion version = bundle.version();
        SecretBundleView view = new SecretBundleView(version.secretId(), Rfc3339.format(version.timeCreated()),
                version.versionNumber(), version.name(),
                new SecretBundleContent("BASE64", Base64.getEncoder().encodeToString(bundle.content())),
                Rfc3339.format(version.timeOfDeletion()), Rfc3339.format(version.timeOfExpiry()), stages(version),
                bundle.metadata());
        return Response.ok(view).header("etag", Etags.of(version.id(), version.version())).build();
    }

    private static List<String> stages(SecretVersion version) {
        return version.stages().stream().sorted().map(Stage::name).toList();
    }
}
