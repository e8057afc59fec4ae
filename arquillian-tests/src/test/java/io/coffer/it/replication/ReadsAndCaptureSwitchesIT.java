package io.coffer.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Secret;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's switches on one host: which accessor serves a store's reads (REMOTE, LOCAL, HYBRID, switched at
 * runtime), and whether its writes are captured (switching capture off rolls replication back: the log is emptied,
 * a new epoch starts, and the host drops its replica). Local and remote content compared by checksum.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReadsAndCaptureSwitchesIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static Operator operator;
    private static Secrets mine;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() {
        operator = Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "switches"));
    }

    @AfterAll
    static void backToTheDefaults() {
        operator.put(URL + "/admin/v1/shards/shard-0/reads", "{\"accessor\":\"REMOTE\"}");
        operator.put(URL + "/admin/v1/shards/shard-0/capture", "{\"enabled\":true}");
    }

    @Test
    void readsAndCaptureAreSwitchedPerShardAndTheReplicaFollows() {
        Reply shards = operator.get(URL + "/admin/v1/shards");
        assertThat(shards.status()).isEqualTo(200);
        assertThat(shards.body())
                .contains("\"id\":\"base\"", "\"id\":\"shard-0\"", "\"reads\":\"", "\"captureEnabled\":true");

        assertProblem(
                operator.put(URL + "/admin/v1/shards/shard-0/reads", "{\"accessor\":\"SIDEWAYS\"}"),
                400,
                "InvalidParameter");
        assertProblem(
                operator.put(URL + "/admin/v1/shards/shard-7/reads", "{\"accessor\":\"LOCAL\"}"),
                404,
                "NotAuthorizedOrNotFound");
        assertProblem(
                operator.put(URL + "/admin/v1/shards/base/capture", "{\"enabled\":false}"), 409, "IncorrectState");
        // An empty or mistyped body is a mistake that changes nothing (a lenient binder once read {} as false).
        assertProblem(operator.put(URL + "/admin/v1/shards/shard-0/capture", "{}"), 400, "MissingParameter");
        assertProblem(
                operator.put(URL + "/admin/v1/shards/shard-0/capture", "{\"enabled\":\"off\"}"),
                400,
                "InvalidParameter");
        assertThat(operator.get(URL + "/admin/v1/shards/shard-0").json().getBoolean("captureEnabled"))
                .isTrue();

        Secret first = mine.create("switch-1-" + suffix(), "first");
        JsonObject checksum =
                awaitChecksums(sums -> sums.getJsonObject("remote").equals(sums.getJsonObject("local")));
        assertThat(checksum.getJsonObject("local").getJsonNumber("rows").longValue())
                .isPositive();

        switchReads("LOCAL");
        long localReads = counter(
                "coffer_store_read_seconds_count\\{mp_scope=\"application\",side=\"local\",store=\"shard-0\"\\}");
        assertThat(bundle(first)).isEqualTo("first");
        assertThat(
                        counter(
                                "coffer_store_read_seconds_count\\{mp_scope=\"application\",side=\"local\",store=\"shard-0\"\\}"))
                .isGreaterThan(localReads);
        assertProblem(
                operator.put(URL + "/admin/v1/shards/shard-0/capture", "{\"enabled\":false}"), 409, "IncorrectState");

        switchReads("REMOTE");
        Reply off = operator.put(URL + "/admin/v1/shards/shard-0/capture", "{\"enabled\":false}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        awaitChecksums(sums -> sums.getJsonObject("local").getJsonNumber("rows").longValue() == 0
                && sums.getJsonObject("remote").getJsonNumber("rows").longValue() > 0);
        Secret whileOff = mine.create("switch-2-" + suffix(), "written while capture is off");
        assertThat(bundle(whileOff)).isEqualTo("written while capture is off");
        assertThat(localRows()).isZero();
        assertProblem(
                operator.put(URL + "/admin/v1/shards/shard-0/reads", "{\"accessor\":\"HYBRID\"}"),
                409,
                "IncorrectState");

        Reply on = operator.put(URL + "/admin/v1/shards/shard-0/capture", "{\"enabled\":true}");
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        Secret afterwards = mine.create("switch-3-" + suffix(), "captured again");
        Http.await(Duration.ofSeconds(30), reply -> localRows() > 0, () -> operator.get(URL + "/admin/v1/replication"));
        assertThat(localRows()).isPositive();

        switchReads("HYBRID");
        long missing = counter(
                "coffer_store_fallbacks_total\\{mp_scope=\"application\",read=\"secret-bundle\",reason=\"missing\",store=\"shard-0\"\\}");
        assertThat(bundle(whileOff))
                .as("not on this host: served by the remote store")
                .isEqualTo("written while capture is off");
        assertThat(
                        counter(
                                "coffer_store_fallbacks_total\\{mp_scope=\"application\",read=\"secret-bundle\",reason=\"missing\",store=\"shard-0\"\\}"))
                .isGreaterThan(missing);
        assertThat(bundle(afterwards)).isEqualTo("captured again");
    }

    private static void switchReads(String accessor) {
        Reply switched = operator.put(URL + "/admin/v1/shards/shard-0/reads", "{\"accessor\":\"" + accessor + "\"}");
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        assertThat(switched.json().getString("reads")).isEqualTo(accessor);
        assertThat(operator.get(URL + "/admin/v1/shards/shard-0").json().getString("reads"))
                .isEqualTo(accessor);
    }

    private static JsonObject awaitChecksums(Predicate<JsonObject> condition) {
        Reply reply = Http.await(
                Duration.ofSeconds(45),
                answer -> answer.status() == 200 && condition.test(answer.json()),
                () -> operator.get(URL + "/admin/v1/replication/stores/shard-0/checksum"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(condition.test(reply.json())).as(reply.body()).isTrue();
        return reply.json();
    }

    private static long localRows() {
        return operator.get(URL + "/admin/v1/replication/stores/shard-0/checksum")
                .json()
                .getJsonObject("local")
                .getJsonNumber("rows")
                .longValue();
    }

    private static String bundle(Secret secret) {
        return Secrets.text(((Base64SecretBundleContentDetails) mine.tenant
                        .secrets
                        .getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(secret.getId())
                                .build())
                        .getSecretBundle()
                        .getSecretBundleContent())
                .getContent());
    }

    private static long counter(String pattern) {
        Matcher matcher = Pattern.compile("(?m)^" + pattern + " ([0-9.E+]+)")
                .matcher(Http.get(URL + "/metrics").body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    /** A prune with the default retention (a day) keeps everything recent; a bad body prunes nothing. */
    @Test
    void anOperatorsPruneKeepsWhatIsRecentAndRefusesBadInput() {
        mine.create("prune-" + suffix(), "recent");
        String prune = URL + "/admin/v1/replication/stores/shard-0/prune";
        for (String body :
                new String[] {"{\"olderThanSeconds\":-1}", "{\"olderThanSeconds\":\"0\"}", "{\"olderThan\":0}", "[1]"
                }) {
            assertProblem(operator.post(prune, body), 400, "InvalidParameter");
        }
        assertProblem(
                operator.post(URL + "/admin/v1/replication/stores/shard-9/prune", "{}"),
                404,
                "NotAuthorizedOrNotFound");
        Reply pruned = operator.post(prune, "{}");
        assertThat(pruned.status()).as(pruned.body()).isEqualTo(200);
        assertThat(pruned.json().getJsonNumber("pruned").longValue()).isZero();
        assertThat(pruned.json().getJsonNumber("head").longValue()).isPositive();
        assertThat(pruned.json().getJsonNumber("firstSequence").longValue()).isPositive();
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("code")).isEqualTo(code);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
