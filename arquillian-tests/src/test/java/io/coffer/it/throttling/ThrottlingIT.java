package io.coffer.it.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.OciErrors;
import io.coffer.it.support.Operator;
import io.coffer.it.support.RsaKeys;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.Throttling;
import io.coffer.server.signing.OciRequestSigner;
import jakarta.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Throttling on one host: the operator's limits (and what bad values get), 429 with Retry-After and the OCI body for
 * a tenancy over its limit while another is served, the OCI SDK's own retrier riding over a 429, the metrics; and
 * the operator's management of API keys, a deleted key refused at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThrottlingIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static Operator operator;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void principals() {
        operator = Operator.of(HOME).ready(URL);
    }

    @Test
    void theOperatorSetsATenancysLimitsAndBadValuesChangeNothing() {
        Tenant tenant = Tenant.create(operator, URL, "limits");
        String path = URL + "/admin/v1/tenancies/" + tenant.tenancyId + "/limits";
        Reply unset = operator.get(path);
        assertThat(unset.status()).as(unset.body()).isEqualTo(200);
        assertThat(unset.json().isNull("dataPlaneReadsPerSecond")).isTrue();
        assertThat(unset.json().getJsonObject("effective").getInt("dataPlaneReadsPerSecond"))
                .isPositive();

        Reply set = operator.put(path, "{\"dataPlaneReadsPerSecond\": 7, \"burstSeconds\": 3}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getInt("dataPlaneReadsPerSecond")).isEqualTo(7);
        assertThat(set.json().isNull("controlPlaneWritesPerSecond")).isTrue();
        assertThat(set.json().getJsonObject("effective").getInt("dataPlaneReadsPerSecond"))
                .isEqualTo(7);
        assertThat(set.json().getJsonObject("effective").getInt("burstSeconds")).isEqualTo(3);
        assertThat(set.json().getString("updatedBy")).isEqualTo("operator");

        for (String bad : List.of(
                "{\"dataPlaneReadsPerSecond\": -5}",
                "{\"dataPlaneReadsPerSecond\": \"ten\"}",
                "{\"dataPlaneReadsPerSecond\": 2.5}",
                "{\"dataPlaneReadPerSecond\": 20}",
                "{\"burstSeconds\": 0}",
                "[]",
                "{")) {
            Reply refused = operator.put(path, bad);
            assertThat(refused.status()).as(bad + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().getString("code")).isEqualTo("InvalidParameter");
            assertThat(refused.header("opc-request-id")).isNotBlank();
            assertThat(refused.body()).doesNotContain("Exception", "\tat ");
        }
        Reply after = operator.get(path);
        assertThat(after.json().getInt("dataPlaneReadsPerSecond")).isEqualTo(7);
        assertThat(after.json().getInt("burstSeconds")).isEqualTo(3);

        assertThat(operator.get(URL + "/admin/v1/tenancies/ocid1.tenancy.nope/limits")
                        .status())
                .isEqualTo(404);
        Reply notOperator = Http.signed(tenant.signer(), "PUT", path, "{\"dataPlaneReadsPerSecond\": 100000}");
        assertThat(notOperator.status()).isEqualTo(404);
        assertThat(operator.get(path).json().getInt("dataPlaneReadsPerSecond")).isEqualTo(7);
    }

    @Test
    void theServiceLimitsAndTheDefaultsAreTheOperatorsToo() {
        String path = URL + "/admin/v1/limits";
        Reply before = operator.get(path);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json().getBoolean("enabled")).isTrue();
        assertThat(before.json()
                        .getJsonObject("effective")
                        .getJsonObject("service")
                        .getInt("dataPlaneReadsPerSecond"))
                .isPositive();
        assertThat(before.json().getBoolean("hostThrottlesAlone"))
                .as("the data grid answers")
                .isFalse();

        for (String bad : List.of(
                "{\"enabled\": \"no\"}",
                "{\"service\": {\"dataPlaneReadsPerSecond\": -1}}",
                "{\"tenancyDefaults\": {\"burst\": 2}}",
                "{\"services\": {}}",
                "{\"service\": 5}")) {
            Reply refused = operator.put(path, bad);
            assertThat(refused.status()).as(bad + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(operator.get(path).json().getJsonObject("effective"))
                .isEqualTo(before.json().getJsonObject("effective"));

        Reply set = operator.put(
                path,
                "{\"tenancyDefaults\": {\"controlPlaneWritesPerSecond\": 150}, \"service\": {\"dataPlaneReadsPerSecond\": 40000}}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json()
                        .getJsonObject("effective")
                        .getJsonObject("tenancyDefaults")
                        .getInt("controlPlaneWritesPerSecond"))
                .isEqualTo(150);
        assertThat(set.json()
                        .getJsonObject("effective")
                        .getJsonObject("service")
                        .getInt("dataPlaneReadsPerSecond"))
                .isEqualTo(40000);
        Reply reset = operator.put(path, "{}");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().getJsonObject("effective"))
                .isEqualTo(before.json().getJsonObject("effective"));
    }

    @Test
    void aTenancyOverItsLimitGets429WithRetryAfterAndTheOciBodyWhileAnotherIsServed() {
        Secrets noisy = Secrets.in(Tenant.create(operator, URL, "noisy"));
        Secrets quiet = Secrets.in(Tenant.create(operator, URL, "quiet"));
        Secret noisySecret = noisy.create("n-" + UUID.randomUUID().toString().substring(0, 6), "noisy");
        Secret quietSecret = quiet.create("q-" + UUID.randomUUID().toString().substring(0, 6), "quiet");
        Throttling.limit(
                operator,
                noisy.tenant.tenancyId,
                "{\"dataPlaneReadsPerSecond\": 2, \"burstSeconds\": 1," + " \"controlPlaneWritesPerSecond\": 1}",
                URL);

        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(Http.signed(
                    noisy.tenant.signer(), "GET", URL + "/20190301/secretbundles/" + noisySecret.getId(), null));
            Reply served = Http.signed(
                    quiet.tenant.signer(), "GET", URL + "/20190301/secretbundles/" + quietSecret.getId(), null);
            assertThat(served.status()).as(served.body()).isEqualTo(200);
        }
        List<Reply> refused =
                replies.stream().filter(reply -> reply.status() == 429).toList();
        assertThat(refused)
                .as("429s among %s", replies.stream().map(Reply::status).toList())
                .isNotEmpty();
        assertThat(replies).allMatch(reply -> reply.status() == 200 || reply.status() == 429);
        for (Reply tooMany : refused) {
            assertThat(Long.parseLong(tooMany.header("retry-after"))).isBetween(1L, 2L);
            assertThat(tooMany.contentType()).startsWith("application/json");
            assertThat(tooMany.json().getString("code")).isEqualTo("TooManyRequests");
            assertThat(tooMany.json().getString("message")).contains("limit");
            assertThat(tooMany.header("opc-request-id")).isNotBlank();
        }
        // the SDK without retries reports the 429 as OCI's TooManyRequests
        OciErrors.refused(
                () -> {
                    for (int i = 0; i < 4; i++) {
                        noisy.tenant.vaults.createSecret(CreateSecretRequest.builder()
                                .createSecretDetails(noisy.details(
                                                "w-" + i + "-"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 6),
                                                "w")
                                        .build())
                                .build());
                    }
                },
                429,
                "TooManyRequests");

        assertThat(Throttling.counter(
                        URL, "coffer_requests_throttled_total", noisy.tenant.tenancyId, "data-plane-read"))
                .isEqualTo(refused.size());
        assertThat(Throttling.counter(
                        URL, "coffer_requests_throttled_total", noisy.tenant.tenancyId, "control-plane-write"))
                .isPositive();
        assertThat(Throttling.counter(URL, "coffer_requests_admitted_total", quiet.tenant.tenancyId, "data-plane-read"))
                .isGreaterThanOrEqualTo(12);
        assertThat(Throttling.counter(
                        URL, "coffer_requests_throttled_total", quiet.tenant.tenancyId, "data-plane-read"))
                .isZero();
    }

    @Test
    void theSdksDefaultRetrierRetriesA429UntilTheLimitAllowsIt() {
        Secrets store = Secrets.in(Tenant.create(operator, URL, "retrier"));
        Secret secret = store.create("r-" + UUID.randomUUID().toString().substring(0, 6), "patience");
        Throttling.limit(
                operator, store.tenant.tenancyId, "{\"dataPlaneReadsPerSecond\": 1, \"burstSeconds\": 1}", URL);
        SecretsClient retrying = SecretsClient.builder()
                .endpoint(URL)
                .configuration(ClientConfiguration.builder()
                        .retryConfiguration(RetryConfiguration.SDK_DEFAULT_RETRY_CONFIGURATION)
                        .build())
                .build(store.tenant.credentials);
        for (int i = 0; i < 4; i++) {
            String content = ((com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails)
                            retrying.getSecretBundle(GetSecretBundleRequest.builder()
                                            .secretId(secret.getId())
                                            .build())
                                    .getSecretBundle()
                                    .getSecretBundleContent())
                    .getContent();
            assertThat(Secrets.text(content)).isEqualTo("patience");
        }
        assertThat(Throttling.counter(
                        URL, "coffer_requests_throttled_total", store.tenant.tenancyId, "data-plane-read"))
                .as("429s the SDK retried")
                .isPositive();
        assertThat(Throttling.counter(URL, "coffer_requests_admitted_total", store.tenant.tenancyId, "data-plane-read"))
                .isEqualTo(4);
    }

    @Test
    void theOperatorAddsAndDeletesApiKeysAndADeletedKeyIsRefusedAtOnce() throws Exception {
        Tenant tenant = Tenant.create(operator, URL, "keys");
        String keysPath = URL + "/admin/v1/tenancies/" + tenant.tenancyId + "/users/" + tenant.userId + "/apiKeys";
        RsaKeys second = RsaKeys.generate();
        Reply added = operator.post(
                keysPath,
                Json.createObjectBuilder()
                        .add("publicKey", second.publicPem())
                        .build()
                        .toString());
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String fingerprint = added.json().getString("fingerprint");
        assertThat(keyCount(keysPath)).isEqualTo(2);
        assertThat(operator.post(keysPath, "{\"publicKey\": \"not a key\"}").status())
                .isEqualTo(400);
        assertThat(operator.post(
                                keysPath,
                                Json.createObjectBuilder()
                                        .add("publicKey", second.publicPem())
                                        .build()
                                        .toString())
                        .status())
                .isEqualTo(409);

        OciRequestSigner withSecond = new OciRequestSigner(
                tenant.tenancyId, tenant.userId, fingerprint, second.pair().getPrivate());
        String vaults = URL + "/20180608/vaults?compartmentId=" + tenant.tenancyId;
        assertThat(Http.signed(withSecond, "GET", vaults, null).status()).isEqualTo(200);

        Reply deleted = Http.signed(operator.signer(), "DELETE", keysPath + "/" + fingerprint, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().getBoolean("everyHostTold")).isTrue();
        Reply refused = Http.signed(withSecond, "GET", vaults, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().getString("code")).isEqualTo("NotAuthenticated");
        assertThat(Http.signed(tenant.signer(), "GET", vaults, null).status())
                .as("the first key still works")
                .isEqualTo(200);
        assertThat(Http.signed(operator.signer(), "DELETE", keysPath + "/" + fingerprint, null)
                        .status())
                .isEqualTo(404);
        assertThat(keyCount(keysPath)).isEqualTo(1);

        java.util.Properties own = new java.util.Properties();
        try (java.io.Reader config = java.nio.file.Files.newBufferedReader(HOME.resolve("operator/config"))) {
            own.load(config);
        }
        Reply operatorsKey = Http.signed(
                operator.signer(),
                "DELETE",
                URL + "/admin/v1/tenancies/" + own.getProperty("tenancy") + "/users/" + own.getProperty("user")
                        + "/apiKeys/" + own.getProperty("fingerprint"),
                null);
        assertThat(operatorsKey.status()).as(operatorsKey.body()).isEqualTo(409);
        assertThat(operatorsKey.json().getString("code")).isEqualTo("IncorrectState");
    }

    private static int keyCount(String keysPath) {
        Reply keys = operator.get(keysPath);
        assertThat(keys.status()).as(keys.body()).isEqualTo(200);
        try (jakarta.json.JsonReader reader = Json.createReader(new java.io.StringReader(keys.body()))) {
            return reader.readArray().size();
        }
    }
}
