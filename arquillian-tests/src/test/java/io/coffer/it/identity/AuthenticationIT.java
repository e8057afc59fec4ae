package io.coffer.it.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Tenant;
import io.coffer.server.signing.OciRequestSigner;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every request is signed or refused: unsigned, forged, stale, altered or unknown-key requests get 401
 * NotAuthenticated and change nothing; tenancies are the operator's to make, and only the operator reaches /admin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthenticationIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static Operator operator;
    private static Tenant tenant;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void principals() {
        operator = Operator.of(HOME).ready(URL);
        tenant = Tenant.create(operator, URL, "auth");
    }

    @Test
    void theOperatorsCredentialsAreAnOciConfigReadableByItsOwnerOnly() throws Exception {
        Path config = HOME.resolve("operator/config");
        assertThat(Files.readString(config))
                .contains(
                        "[DEFAULT]",
                        "user=ocid1.user.",
                        "tenancy=ocid1.tenancy.",
                        "fingerprint=",
                        "key_file=" + HOME.resolve("operator/key.pem").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(HOME.resolve("operator/key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aTenancyAdministratorSignsOciCallsButDoesNotReachTheAdminApi() {
        Reply vaults =
                Http.signed(tenant.signer(), "GET", URL + "/20180608/vaults?compartmentId=" + tenant.tenancyId, null);
        assertThat(vaults.status()).as(vaults.body()).isEqualTo(200);
        Reply admin = Http.signed(tenant.signer(), "GET", URL + "/admin/v1/replication", null);
        assertThat(admin.status()).isEqualTo(404);
        assertThat(admin.contentType()).startsWith("application/problem+json");
        assertThat(admin.json().getString("code")).isEqualTo("NotAuthorizedOrNotFound");
    }

    @Test
    void unsignedForgedStaleAlteredAndUnknownRequestsAreNotAuthenticated() throws Exception {
        String target = URL + "/20180608/vaults";
        String body = Json.createObjectBuilder()
                .add("compartmentId", tenant.tenancyId)
                .add("displayName", "forged")
                .add("vaultType", "DEFAULT")
                .build()
                .toString();
        int before = vaultCount();

        assertNotAuthenticated(Http.postJson(target, body), "not signed");

        OciRequestSigner impostor = new OciRequestSigner(
                tenant.tenancyId,
                tenant.userId,
                tenant.fingerprint,
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        assertNotAuthenticated(Http.signed(impostor, "POST", target, body), "does not verify");

        assertNotAuthenticated(
                send(
                        "POST",
                        target,
                        body,
                        tenant.signer()
                                .sign(
                                        "POST",
                                        URI.create(target),
                                        body.getBytes(StandardCharsets.UTF_8),
                                        ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10))),
                "away from the server's time");

        Map<String, String> signedForOther = tenant.signer()
                .sign(
                        "POST",
                        URI.create(target),
                        body.replace("forged", "other").getBytes(StandardCharsets.UTF_8));
        assertNotAuthenticated(send("POST", target, body, signedForOther), "x-content-sha256 does not match");

        OciRequestSigner unknownKey = new OciRequestSigner(
                tenant.tenancyId, tenant.userId, "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff", tenant.privateKey);
        assertNotAuthenticated(Http.signed(unknownKey, "POST", target, body), "does not verify");

        OciRequestSigner wrongTenancy = new OciRequestSigner(
                "ocid1.tenancy.oc1.coffer.notmine0000000000000000000",
                tenant.userId,
                tenant.fingerprint,
                tenant.privateKey);
        assertNotAuthenticated(Http.signed(wrongTenancy, "POST", target, body), "does not verify");

        assertThat(vaultCount()).isEqualTo(before);
    }

    @Test
    void theSdkWithAForeignOrUnknownKeyIsNotAuthenticated() throws Exception {
        java.security.KeyPair foreign = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(foreign.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        for (String fingerprint :
                new String[] {tenant.fingerprint, "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"}) {
            var credentials = com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider.builder()
                    .tenantId(tenant.tenancyId)
                    .userId(tenant.userId)
                    .fingerprint(fingerprint)
                    .privateKeySupplier(() -> new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .build();
            var kmsVaults = com.oracle.bmc.keymanagement.KmsVaultClient.builder()
                    .endpoint(URL)
                    .configuration(Tenant.configuration())
                    .build(credentials);
            io.coffer.it.support.OciErrors.refused(
                    () -> kmsVaults.listVaults(com.oracle.bmc.keymanagement.requests.ListVaultsRequest.builder()
                            .compartmentId(tenant.tenancyId)
                            .build()),
                    401,
                    "NotAuthenticated");
        }
    }

    @Test
    void theOperatorMakesTenanciesWithUniqueNamesAndValidKeys() throws Exception {
        String name = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(KeyPairGenerator.getInstance("RSA")
                                .generateKeyPair()
                                .getPublic()
                                .getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Reply created = operator.post(URL + "/admin/v1/tenancies", tenancy(name, pem));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonObject json = created.json();
        assertThat(json.getString("id")).startsWith("ocid1.tenancy.");
        assertThat(json.getString("adminUserId")).startsWith("ocid1.user.");
        assertThat(json.getString("fingerprint")).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");

        Reply duplicate = operator.post(URL + "/admin/v1/tenancies", tenancy(name, pem));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().getString("code")).isEqualTo("Conflict");
        Reply badKey = operator.post(
                URL + "/admin/v1/tenancies",
                tenancy(name + "-2", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().getString("code")).isEqualTo("InvalidParameter");
        Reply badName = operator.post(URL + "/admin/v1/tenancies", tenancy("no spaces allowed", pem));
        assertThat(badName.status()).isEqualTo(400);

        String tenancies = operator.get(URL + "/admin/v1/tenancies").body();
        assertThat(tenancies.split("\"" + name + "\"", -1)).hasSize(2);
        assertThat(tenancies).doesNotContain(name + "-2", "no spaces allowed");
        Reply byTenant = Http.signed(tenant.signer(), "POST", URL + "/admin/v1/tenancies", tenancy(name + "-3", pem));
        assertThat(byTenant.status()).isEqualTo(404);
    }

    private static String tenancy(String name, String pem) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("adminPublicKey", pem)
                .build()
                .toString();
    }

    private static Reply send(String method, String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return Http.send(request);
    }

    private static void assertNotAuthenticated(Reply reply, String hint) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().getString("code")).isEqualTo("NotAuthenticated");
        assertThat(reply.json().getString("message")).contains(hint);
        assertThat(reply.header("opc-request-id")).isNotBlank();
    }

    private static int vaultCount() {
        Reply list = Http.signed(
                tenant.signer(),
                "GET",
                URL + "/20180608/vaults?compartmentId=" + tenant.tenancyId + "&limit=1000",
                null);
        return Json.createReader(new java.io.StringReader(list.body()))
                .readArray()
                .size();
    }
}
