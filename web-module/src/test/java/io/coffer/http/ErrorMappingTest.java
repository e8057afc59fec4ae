package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.http.InMemoryApi.Reply;
import io.coffer.identity.entity.Caller;
import io.coffer.identity.entity.Role;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client mistakes on either API family are 4xx with OCI's code in that family's body, never a 500; every answer
 * carries {@code opc-request-id}.
 */
class ErrorMappingTest {

    private static final String TENANCY = "ocid1.tenancy.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final Caller ADMIN =
            new Caller(TENANCY, "ocid1.user.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa", Role.TENANCY_ADMIN);
    private static final Caller OPERATOR =
            new Caller(TENANCY, "ocid1.user.oc1.coffer.bbbbbbbbbbbbbbbbbbbbbbbbbb", Role.OPERATOR);
    private static final String KEYS = "kms/ocid1.vault.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa/20180608/keys";

    private final InMemoryApi oci = new InMemoryApi(new OciApplication(), "/", ADMIN);
    private final InMemoryApi admin = new InMemoryApi(new AdminApplication(), "/admin/", OPERATOR);

    private static void assertOciError(Reply reply, int status, String code, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).startsWith("application/json");
        assertThat(reply.json().getString("code")).isEqualTo(code);
        assertThat(reply.json().getString("message")).contains(messagePart).doesNotContain("Exception", "\tat ");
        assertThat(reply.header("opc-request-id")).isNotBlank();
    }

    private static void assertProblem(Reply reply, int status, String code, String detailPart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        assertThat(reply.json().getString("code")).isEqualTo(code);
        assertThat(reply.json().getString("title")).isEqualTo(code);
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("detail")).contains(detailPart).doesNotContain("Exception", "\tat ");
        assertThat(reply.header("opc-request-id")).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"compartmentId\":",
                "not json at all",
                "[1, 2",
                "{\"displayName\": {\"nested\": true}}",
                "{\"freeformTags\": \"team\"}",
                "{\"freeformTags\": {\"team\": {\"deep\": 1}}}"
            })
    void malformedOrMistypedJsonIsInvalidParameter(String body) throws Exception {
        assertOciError(
                oci.call("POST", "20180608/vaults", body, Map.of()),
                400,
                "InvalidParameter",
                "the request body is not valid JSON for this operation");
        assertOciError(
                oci.call(
                        "POST", KEYS, "{\"keyShape\": {\"algorithm\": \"AES\", \"length\": \"thirty-two\"}}", Map.of()),
                400,
                "InvalidParameter",
                "not valid JSON");
    }

    @Test
    void aMissingBodyOrFieldIsMissingParameter() throws Exception {
        assertOciError(
                oci.call("POST", "20180608/vaults", (String) null, Map.of()),
                400,
                "MissingParameter",
                "CreateVaultDetails is required");
        assertOciError(
                oci.call(
                        "PUT",
                        "20180608/vaults/ocid1.vault.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        (String) null,
                        Map.of()),
                400,
                "MissingParameter",
                "UpdateVaultDetails is required");
        assertOciError(
                oci.call("POST", KEYS, "{\"displayName\": \"k\"}", Map.of()),
                400,
                "MissingParameter",
                "keyShape is required");
        assertOciError(
                oci.call("POST", KEYS, "{\"keyShape\": {\"algorithm\": \"AES\"}}", Map.of()),
                400,
                "MissingParameter",
                "keyShape.length is required");
        assertProblem(
                admin.call("POST", "v1/clock", (String) null, Map.of()),
                400,
                "MissingParameter",
                "advance is required");
        assertProblem(admin.call("POST", "v1/clock", "{}", Map.of()), 400, "MissingParameter", "advance is required");
        assertProblem(
                admin.call("PUT", "v1/shards/shard-0/capture", "{}", Map.of()),
                400,
                "MissingParameter",
                "enabled is required");
    }

    @Test
    void valuesOutOfRangeAndUnknownEnumValuesAreInvalidParameter() throws Exception {
        assertOciError(
                oci.call("POST", KEYS, "{\"keyShape\": {\"algorithm\": \"RSA\", \"length\": 256}}", Map.of()),
                400,
                "InvalidParameter",
                "keyShape.algorithm is not supported");
        assertOciError(
                oci.call("POST", KEYS, "{\"keyShape\": {\"algorithm\": \"AES\", \"length\": 16}}", Map.of()),
                400,
                "InvalidParameter",
                "keyShape.length must be 32");
        assertOciError(
                oci.call(
                        "GET",
                        "20190301/secretbundles/ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaa?stage=RETIRED",
                        (String) null,
                        Map.of()),
                400,
                "InvalidParameter",
                "stage must be one of");
        assertProblem(
                admin.call("PUT", "v1/shards/shard-0/reads", "{\"accessor\": \"SIDEWAYS\"}", Map.of()),
                400,
                "InvalidParameter",
                "accessor must be one of REMOTE, LOCAL, HYBRID");
        assertProblem(
                admin.call("POST", "v1/clock", "{\"advance\": \"soon\"}", Map.of()),
                400,
                "InvalidParameter",
                "ISO-8601 duration");
        assertProblem(
                admin.call("POST", "v1/clock", "{\"advance\": \"-P1D\"}", Map.of()),
                400,
                "InvalidParameter",
                "only moves forward");
        assertProblem(
                admin.call("POST", "v1/clock", "{\"advance\": [\"P1D\"]}", Map.of()),
                400,
                "InvalidParameter",
                "not valid JSON");
        assertThat(admin.clock.offset()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeAnythingReadsIt() throws Exception {
        byte[] atLimit = new byte[RequestBodies.MAX_BODY];
        java.util.Arrays.fill(atLimit, (byte) ' ');
        atLimit[0] = '{';
        atLimit[atLimit.length - 1] = '}';
        assertOciError(oci.call("POST", KEYS, atLimit, Map.of()), 400, "MissingParameter", "keyShape is required");
        byte[] over = java.util.Arrays.copyOf(atLimit, RequestBodies.MAX_BODY + 1);
        over[over.length - 1] = ' ';
        assertOciError(
                oci.call("POST", "20180608/secrets", over, Map.of()),
                413,
                "RequestEntityTooLarge",
                "larger than 262144 bytes");
        assertProblem(
                admin.call("POST", "v1/clock", over, Map.of()),
                413,
                "RequestEntityTooLarge",
                "larger than 262144 bytes");
    }

    @Test
    void pathsMethodsAndMediaTypesTheApiDoesNotHaveAreAnsweredInTheirFamilysBody() throws Exception {
        assertOciError(
                oci.call("GET", "20180608/nothing-here", (String) null, Map.of()),
                404,
                "NotAuthorizedOrNotFound",
                "no resource at 20180608/nothing-here");
        assertOciError(
                oci.call("DELETE", "20190301/secretbundles/x", (String) null, Map.of()),
                405,
                "MethodNotAllowed",
                "does not support that method");
        assertProblem(
                admin.call("GET", "v1/nothing-here", (String) null, Map.of()),
                404,
                "NotAuthorizedOrNotFound",
                "no resource at admin/v1/nothing-here");
    }

    @Test
    void theAdminApiIsTheOperatorsAlone() throws Exception {
        InMemoryApi asTenant = new InMemoryApi(new AdminApplication(), "/admin/", ADMIN);
        assertProblem(
                asTenant.call("GET", "v1/clock", (String) null, Map.of()),
                404,
                "NotAuthorizedOrNotFound",
                "the admin resource admin/v1/clock");
        Reply read = admin.call("GET", "v1/clock", (String) null, Map.of());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getBoolean("adjustable")).isTrue();
    }

    @Test
    void aBugIsA500WithAnIncidentIdAndNoDetails() throws Exception {
        // The resource's EJB is absent here, so a well-formed request fails inside: what a bug looks like.
        assertOciError(
                oci.call(
                        "GET",
                        "20180608/vaults/ocid1.vault.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        (String) null,
                        Map.of()),
                500,
                "InternalServerError",
                "internal error, incident ");
    }

    @Test
    void requestIdsAreEchoedAfterTheClientsOwnOrMadeFresh() throws Exception {
        Reply echoed = admin.call("POST", "v1/clock", "{\"advance\": \"PT1S\"}", Map.of("opc-request-id", "client-42"));
        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.header("opc-request-id")).matches("client-42/[0-9A-F]{32}");
        assertThat(admin.clock.offset()).isEqualTo(Duration.ofSeconds(1));
        Reply made = oci.call("GET", "20180608/nothing-here", (String) null, Map.of());
        assertThat(made.header("opc-request-id")).matches("[0-9A-F]{32}");
        Reply refusedId = oci.call("POST", "20180608/vaults", "{", Map.of("opc-request-id", "no spaces allowed"));
        assertThat(refusedId.header("opc-request-id")).matches("[0-9A-F]{32}");
        assertThat(oci.call("GET", "20180608/nothing-here", (String) null, Map.of())
                        .header("opc-request-id"))
                .isNotEqualTo(made.header("opc-request-id"));
    }
}
