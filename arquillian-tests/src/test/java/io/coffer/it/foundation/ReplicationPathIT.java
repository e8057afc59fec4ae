package io.coffer.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.it.support.CellTls;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.server.pki.CellPki;
import io.coffer.server.topology.TopologyPlan;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's whole write path against the real EAR on the real Payara Server: a record written through a
 * JAX-RS resource, an EJB and JPA on the remote store reaches this host's local store through the interceptor, JMS
 * and the MDB; health and metrics report it; bad requests get clear errors and change nothing. The host's
 * cell-internal listener answers only TLS clients with a certificate of Coffer's own CA.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReplicationPathIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final String CELL_URL = System.getProperty("coffer.it.cellUrl");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static Operator operator;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("coffer.ear")));
    }

    @BeforeAll
    static void operator() {
        operator = Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
    }

    @Test
    void aProbeWrittenToTheRemoteStoreIsAppliedToTheLocalStore() {
        for (String store : new String[] {"shard-0", "base"}) {
            Reply written =
                    operator.post(URL + "/admin/v1/stores/" + store + "/probes", "{\"note\":\"path " + store + "\"}");
            assertThat(written.status()).as(written.body()).isEqualTo(201);
            String id = written.json().getString("id");
            assertThat(written.header("location")).endsWith("/admin/v1/stores/" + store + "/probes/" + id);

            Reply remote = operator.get(URL + "/admin/v1/stores/" + store + "/probes/" + id);
            assertThat(remote.status()).isEqualTo(200);
            assertThat(remote.json().getString("readFrom")).isEqualTo("remote");

            Reply local = Http.await(
                    Duration.ofSeconds(30),
                    reply -> reply.status() == 200,
                    () -> operator.get(URL + "/admin/v1/stores/" + store + "/probes/" + id + "?from=local"));
            assertThat(local.status()).as("probe %s in the local store", id).isEqualTo(200);
            JsonObject replica = local.json();
            assertThat(replica.getString("readFrom")).isEqualTo("local");
            assertThat(replica.getString("note")).isEqualTo("path " + store);
            assertThat(replica.getString("createdAt")).isEqualTo(remote.json().getString("createdAt"));
            assertThat(replica.getJsonNumber("version").longValue())
                    .isEqualTo(remote.json().getJsonNumber("version").longValue());
        }
    }

    @Test
    void healthReportsBothStoresAndTheBrokerUp() {
        Reply health =
                Http.await(Duration.ofSeconds(30), reply -> reply.status() == 200, () -> Http.get(URL + "/health"));
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");
        assertThat(health.body())
                .contains(
                        "\"remote-stores\"",
                        "\"local-store\"",
                        "\"broker\"",
                        "\"shard-0\":\"UP\"",
                        "\"base\":\"UP\"",
                        "\"replicas\"",
                        "\"shard-0\":\"CAUGHT_UP\"",
                        "\"base\":\"CAUGHT_UP\"");
    }

    @Test
    void metricsExposeReplicationProgress() {
        operator.post(URL + "/admin/v1/stores/shard-0/probes", "{\"note\":\"metrics\"}");
        List<String> names = List.of(
                "coffer_replication_events_published_total",
                "coffer_replication_events_applied_total",
                "coffer_replication_lag_events",
                "coffer_replication_lag_seconds");
        // The publisher counts a send once the broker has it, which a host's apply can beat: wait for every name.
        Reply metrics = Http.await(
                Duration.ofSeconds(30),
                reply -> names.stream().allMatch(reply.body()::contains),
                () -> Http.get(URL + "/metrics"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains(names);
    }

    @Test
    void badRequestsGetAClearErrorAndChangeNothing() {
        long headBefore = stableShardHead();

        Reply unknownStore = operator.post(URL + "/admin/v1/stores/shard-9/probes", "{\"note\":\"x\"}");
        assertProblem(unknownStore, 404, "NotAuthorizedOrNotFound");

        Reply tooLong =
                operator.post(URL + "/admin/v1/stores/shard-0/probes", "{\"note\":\"" + "x".repeat(201) + "\"}");
        assertProblem(tooLong, 400, "InvalidParameter");

        Reply malformed = operator.post(URL + "/admin/v1/stores/shard-0/probes", "{\"note\": ");
        assertProblem(malformed, 400, "InvalidParameter");

        Reply badSource = operator.get(URL + "/admin/v1/stores/shard-0/probes/nope?from=elsewhere");
        assertProblem(badSource, 400, "InvalidParameter");

        Reply missing = operator.get(URL + "/admin/v1/stores/shard-0/probes/probe-does-not-exist");
        assertProblem(missing, 404, "NotAuthorizedOrNotFound");

        Reply unsigned = Http.postJson(URL + "/admin/v1/stores/shard-0/probes", "{\"note\":\"x\"}");
        assertProblem(unsigned, 401, "NotAuthenticated");

        Reply unknownPath = operator.get(URL + "/20180608/no-such-thing");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().getString("code")).isEqualTo("NotAuthorizedOrNotFound");
        assertThat(unknownPath.header("opc-request-id")).isNotBlank();

        // Nothing reached the remote store's log: the refused writes wrote nothing.
        assertThat(stableShardHead()).isEqualTo(headBefore);
    }

    @Test
    void theCellListenerAnswersACellOfCoffersCaOverMutualTls() throws Exception {
        CellPki pki = CellPki.of(HOME);
        SSLContext cell = cellClient(pki);

        HttpResponse<String> health = CellTls.get(cell, CELL_URL + "/health");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        // the client trusted nothing but Coffer's trust store: the server's certificate is the cell's, from the CA
        X509Certificate server =
                (X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0];
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pki.caCertificate())));
        server.verify(ca.getPublicKey());
        assertThat(server.getSubjectX500Principal().getName()).contains("CN=" + TopologyPlan.CELL);
    }

    @Test
    void theCellListenerRefusesAClientWithoutCertificate() {
        CellPki pki = CellPki.of(HOME);
        assertListening(pki);
        SSLContext anonymous =
                CellTls.client(null, null, pki.trustStore(), pki.passwords().trust());

        assertThatThrownBy(() -> CellTls.get(anonymous, CELL_URL + "/health"))
                .as("a client without certificate")
                .isInstanceOf(IOException.class);
    }

    @Test
    void theCellListenerRefusesACertificateOfAnotherCa(@TempDir Path elsewhere) throws Exception {
        CellPki pki = CellPki.of(HOME);
        assertListening(pki);
        // the same cell name, 127.0.0.1 and key usages, from a CA of another install: only the issuer differs
        CellPki foreign = CellPki.ensure(elsewhere, List.of(TopologyPlan.CELL));
        SSLContext intruder = CellTls.client(
                foreign.cellKeyStore(TopologyPlan.CELL),
                foreign.passwords().cells(),
                pki.trustStore(),
                pki.passwords().trust());

        assertThatThrownBy(() -> CellTls.get(intruder, CELL_URL + "/health"))
                .as("a client with a certificate of another CA")
                .isInstanceOf(IOException.class);
    }

    private static SSLContext cellClient(CellPki pki) {
        return CellTls.client(
                pki.cellKeyStore(TopologyPlan.CELL),
                pki.passwords().cells(),
                pki.trustStore(),
                pki.passwords().trust());
    }

    /** The listener is up and admits Coffer's cells: a refusal after this is the listener's choice. */
    private static void assertListening(CellPki pki) {
        try {
            assertThat(CellTls.get(cellClient(pki), CELL_URL + "/health").statusCode())
                    .isEqualTo(200);
        } catch (IOException refused) {
            throw new AssertionError("the cell listener refused Coffer's own cell: " + refused, refused);
        }
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getString("code")).isEqualTo(code);
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("detail")).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
        assertThat(reply.header("opc-request-id")).isNotBlank();
    }

    /** The shard's log head once nothing is in flight: two readings over a second apart that agree. */
    private static long stableShardHead() {
        long previous = -1;
        for (int attempt = 0; attempt < 40; attempt++) {
            long head = shardHead();
            if (head == previous) {
                return head;
            }
            previous = head;
            Http.sleep(1200);
        }
        throw new AssertionError("the shard's log head never settled");
    }

    private static long shardHead() {
        JsonObject status = operator.get(URL + "/admin/v1/replication").json();
        return status.getJsonArray("stores").getValuesAs(JsonObject.class).stream()
                .filter(store -> store.getString("store").equals("shard-0"))
                .mapToLong(store -> store.getJsonNumber("head").longValue())
                .findFirst()
                .orElse(0);
    }
}
