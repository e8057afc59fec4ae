package io.coffer.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.ForgedEvents;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.InternalServices;
import io.coffer.it.support.LiveVerifierReports;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store's migration driven through every phase on one host: data written while nothing is captured, backfilled
 * (with a live change racing it), a replica row corrupted and found and repaired by the sweep, switched over, rolled
 * back and switched over again; a replica row corrupted after the sweep reported by the live verifier from a data-plane
 * read; refusals name the exit criterion; replica and remote store equal at the end.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MigrationPhasesIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static final String MIGRATION = URL + "/admin/v1/shards/shard-0/migration";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static Operator operator;
    private static Secrets mine;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() {
        operator = Operator.of(HOME).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "migration"));
    }

    /** Back to LIVE_SYNC with reads remote and capture on, as the other tests of this server expect shard-0. */
    @AfterAll
    static void backToLiveSync() {
        for (int i = 0; i < 4 && !phase().equals("LIVE_SYNC") && !phase().equals("REMOTE_ONLY"); i++) {
            operator.post(MIGRATION + "/rollback", "{}");
        }
        if (phase().equals("REMOTE_ONLY")) {
            operator.post(MIGRATION + "/advance", "{}");
        }
        operator.post(MIGRATION + "/resume", "{}");
        operator.put(URL + "/admin/v1/shards/shard-0/reads", "{\"accessor\":\"REMOTE\"}");
        operator.put(URL + "/admin/v1/shards/shard-0/capture", "{\"enabled\":true}");
    }

    @Test
    void aStoreGoesThroughEveryPhaseAndBackWithItsReplicaCompleteAndRepaired() throws SQLException {
        Reply start = operator.get(MIGRATION);
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        assertThat(start.json().getString("store")).isEqualTo("shard-0");
        assertThat(start.json().getJsonObject("backfill").keySet())
                .contains("state", "processed", "total", "ratePerSecond", "limitPerSecond", "eta");
        assertThat(start.json().getJsonObject("verification").keySet())
                .contains("state", "checked", "total", "discrepancies", "repaired");
        assertThat(start.json().getJsonObject("liveVerifier").keySet())
                .contains("sampled", "discrepancies", "lastDiscrepancy");
        assertProblem(operator.get(URL + "/admin/v1/shards/shard-7/migration"), 404, "NotAuthorizedOrNotFound");
        assertProblem(operator.post(MIGRATION + "/advance?force=maybe", "{}"), 400, "InvalidParameter");
        assertProblem(operator.put(MIGRATION + "/backfill-rate", "{\"entitiesPerSecond\":0}"), 400, "InvalidParameter");
        assertProblem(operator.put(MIGRATION + "/backfill-rate", "{}"), 400, "MissingParameter");
        assertProblem(operator.put(MIGRATION + "/backfill-rate", "[1]"), 400, "InvalidParameter");
        // A fresh install (this server's home is made new by the build) has nothing to migrate: its stores started
        // switched over, before any test ran. (The base store's refusal to go back to REMOTE_ONLY is a unit test.)
        JsonObject base = ok(operator.get(URL + "/admin/v1/shards/base/migration"));
        assertThat(base.getString("phase")).as(base.toString()).isEqualTo("SWITCHED_OVER");

        // Back to REMOTE_ONLY (today's capture-off): the replica is dropped, and what is written now is not captured.
        while (!phase().equals("REMOTE_ONLY")) {
            assertThat(operator.post(MIGRATION + "/rollback", "{}").status()).isEqualTo(200);
        }
        assertThat(operator.get(URL + "/admin/v1/shards/shard-0").json().getBoolean("captureEnabled"))
                .isFalse();
        awaitChecksums(sums -> rows(sums, "local") == 0);
        List<Secret> uncaptured = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            uncaptured.add(mine.create("migrated-" + i + "-" + suffix(), "written while remote only " + i));
        }
        String probe = operator.post(URL + "/admin/v1/stores/shard-0/probes", "{\"note\":\"the original\"}")
                .json()
                .getString("id");
        assertThat(rows(operator.get(checksumUrl()).json(), "local")).isZero();

        // LIVE_SYNC, then BACKFILL held by a pause: the backfill has not run, so VERIFY is refused naming why.
        JsonObject liveSync = ok(operator.post(MIGRATION + "/advance", "{}"));
        assertThat(liveSync.getString("phase")).isEqualTo("LIVE_SYNC");
        assertThat(liveSync.getString("liveSyncSince")).isNotNull();
        ok(operator.post(MIGRATION + "/pause", "{}"));
        JsonObject paused = ok(operator.post(MIGRATION + "/advance", "{}"));
        assertThat(paused.getString("phase")).isEqualTo("BACKFILL");
        assertThat(paused.getJsonObject("backfill").getString("state")).isEqualTo("PAUSED");
        Reply refused = operator.post(MIGRATION + "/advance", "{}");
        assertProblem(refused, 409, "IncorrectState");
        assertThat(refused.json().getString("detail")).contains("BACKFILL_DONE", "backfill not done");

        // Slowly at first, with a live change to an uncaptured secret racing it; then at full speed.
        JsonObject slow = ok(operator.put(MIGRATION + "/backfill-rate", "{\"entitiesPerSecond\":5}"));
        assertThat(slow.getJsonObject("backfill")
                        .getJsonNumber("limitPerSecond")
                        .longValue())
                .isEqualTo(5);
        ok(operator.post(MIGRATION + "/resume", "{}"));
        JsonObject running = await(view ->
                view.getJsonObject("backfill").getJsonNumber("processed").longValue() > 0);
        assertThat(running.getJsonObject("backfill").getString("state")).isEqualTo("RUNNING");
        assertThat(running.getJsonObject("backfill").getJsonNumber("total").longValue())
                .isGreaterThan(uncaptured.size());
        for (Secret racing : uncaptured.subList(0, 4)) {
            mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                    .secretId(racing.getId())
                    .updateSecretDetails(UpdateSecretDetails.builder()
                            .description("changed while the backfill runs")
                            .build())
                    .build());
        }
        ok(operator.put(MIGRATION + "/backfill-rate", "{\"entitiesPerSecond\":100000}"));
        JsonObject backfilled =
                await(view -> view.getJsonObject("backfill").getString("state").equals("DONE"));
        assertThat(backfilled
                        .getJsonObject("backfill")
                        .getJsonNumber("processed")
                        .longValue())
                .isEqualTo(backfilled
                        .getJsonObject("backfill")
                        .getJsonNumber("total")
                        .longValue());
        assertThat(Http.get(URL + "/metrics").body())
                .containsPattern("coffer_migration_backfill_processed\\{[^}]*store=\"shard-0\"[^}]*\\} [1-9]")
                .containsPattern("coffer_migration_backfill_total\\{[^}]*store=\"shard-0\"[^}]*\\} [1-9]");
        awaitChecksums(sums -> sums.getJsonObject("remote").equals(sums.getJsonObject("local")));
        assertThat(bundle(uncaptured.get(7))).isEqualTo("written while remote only 7");

        // A replica row goes wrong behind replication's back; VERIFY's sweep finds it and repairs it.
        corruptLocalProbe(probe);
        Http.await(
                PATIENCE,
                reply -> reply.status() == 200 && reply.json().getString("note").equals("corrupted"),
                () -> operator.get(URL + "/admin/v1/stores/shard-0/probes/" + probe + "?from=local"));
        ok(operator.post(MIGRATION + "/pause", "{}"));
        JsonObject verifying = ok(operator.post(MIGRATION + "/advance", "{}"));
        assertThat(verifying.getString("phase")).isEqualTo("VERIFY");
        assertThat(verifying.getJsonObject("backfill").getString("state")).isEqualTo("DONE");
        Reply notSwept = operator.post(MIGRATION + "/advance", "{}");
        assertProblem(notSwept, 409, "IncorrectState");
        assertThat(notSwept.json().getString("detail")).contains("SWEEP_FINISHED");
        ok(operator.post(MIGRATION + "/resume", "{}"));
        JsonObject swept = await(
                view -> view.getJsonObject("verification").getString("state").equals("DONE"));
        JsonObject verification = swept.getJsonObject("verification");
        assertThat(verification.getJsonNumber("discrepancies").longValue()).isGreaterThanOrEqualTo(1);
        assertThat(verification.getJsonNumber("repaired").longValue())
                .isEqualTo(verification.getJsonNumber("discrepancies").longValue());
        assertThat(verification.getJsonNumber("checked").longValue()).isPositive();
        assertThat(Http.get(URL + "/metrics").body())
                .containsPattern("coffer_migration_sweep_repaired\\{[^}]*store=\"shard-0\"[^}]*\\} [1-9]");
        Reply repaired = Http.await(
                PATIENCE,
                reply -> reply.status() == 200 && reply.json().getString("note").equals("the original"),
                () -> operator.get(URL + "/admin/v1/stores/shard-0/probes/" + probe + "?from=local"));
        assertThat(repaired.json().getString("note")).isEqualTo("the original");

        // A replica row goes wrong after the sweep. Reads are still REMOTE in VERIFY; the live verifier compares the
        // replica's copy of what a sample of them returned (1 % by default: read it until sampled), reports the
        // discrepancy, and the switch-over is refused naming LIVE_VERIFIER_QUIET unless forced.
        Secret corrupted = uncaptured.get(5);
        corruptLocalRow("SECRET", corrupted.getId(), "DESCRIPTION", "corrupted");
        awaitChecksums(both -> !both.getJsonObject("remote").equals(both.getJsonObject("local")));
        Reply reported = LiveVerifierReports.awaitDiscrepancy(
                PATIENCE,
                () -> {
                    for (int i = 0; i < 40; i++) {
                        assertThat(bundle(corrupted)).isEqualTo("written while remote only 5");
                    }
                },
                () -> operator.get(MIGRATION));
        JsonObject live = ok(reported).getJsonObject("liveVerifier");
        assertThat(live.getJsonNumber("discrepancies").longValue())
                .as(reported.body())
                .isPositive();
        assertThat(live.getJsonNumber("sampled").longValue()).isPositive();
        assertThat(live.getString("lastDiscrepancy")).isNotBlank();
        assertThat(Http.get(URL + "/metrics").body())
                .containsPattern("coffer_verifier_discrepancies_total\\{[^}]*store=\"shard-0\"[^}]*\\} [1-9]");
        Reply notQuiet = operator.post(MIGRATION + "/advance", "{}");
        assertProblem(notQuiet, 409, "IncorrectState");
        assertThat(notQuiet.json().getString("detail")).contains("LIVE_VERIFIER_QUIET");
        assertThat(phase()).isEqualTo("VERIFY");

        // Switched over (forced: the discrepancy is within the quiet window), rolled back (reads remote at once),
        // switched over again (forced again, for the same reason).
        JsonObject switched = ok(operator.post(MIGRATION + "/advance?force=true", "{}"));
        assertThat(switched.getString("phase")).isEqualTo("SWITCHED_OVER");
        assertThat(switched.getJsonObject("switches").getString("readsHere")).isEqualTo("HYBRID");
        assertThat(bundle(uncaptured.get(3))).isEqualTo("written while remote only 3");
        JsonObject back = ok(operator.post(MIGRATION + "/rollback", "{}"));
        assertThat(back.getString("phase")).isEqualTo("VERIFY");
        assertThat(back.getJsonObject("switches").getString("readsHere")).isEqualTo("REMOTE");
        assertThat(operator.get(URL + "/admin/v1/shards/shard-0").json().getString("readsHere"))
                .isEqualTo("REMOTE");
        JsonObject again = ok(operator.post(MIGRATION + "/advance?force=true", "{}"));
        assertThat(again.getString("phase")).isEqualTo("SWITCHED_OVER");
        assertThat(again.getJsonObject("switches").getBoolean("changedOutsideMachine"))
                .isFalse();
        assertThat(bundle(uncaptured.get(11))).isEqualTo("written while remote only 11");

        // The expert's switch still works, and the phase view says it was used outside the machine.
        assertThat(operator.put(URL + "/admin/v1/shards/shard-0/reads", "{\"accessor\":\"REMOTE\"}")
                        .status())
                .isEqualTo(200);
        assertThat(operator.get(MIGRATION).json().getJsonObject("switches").getBoolean("changedOutsideMachine"))
                .isTrue();

        // The corrupted secret's next change replicates its whole row: the replica equals the remote store again.
        mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                .secretId(corrupted.getId())
                .updateSecretDetails(UpdateSecretDetails.builder()
                        .description("changed after the live verifier's report")
                        .build())
                .build());
        JsonObject sums = awaitChecksums(both -> both.getJsonObject("remote").equals(both.getJsonObject("local")));
        assertThat(sums.getJsonObject("remote")).isEqualTo(sums.getJsonObject("local"));
    }

    /** Forges a replication event that changes the probe's note on every replica but not in the remote store. */
    private static void corruptLocalProbe(String probe) throws SQLException {
        corruptLocalRow("PROBE", probe, "NOTE", "corrupted");
    }

    /** Forges a replication event that changes one column of a replica row on every replica but not remotely. */
    private static void corruptLocalRow(String table, String key, String column, String value) throws SQLException {
        try (Connection shard =
                InternalServices.store(HOME, System.getProperty("coffer.it.derby") + "coffer-shard-0")) {
            ForgedEvents.changeOnReplicas(shard, table, key, column, value);
        }
    }

    private static String phase() {
        return operator.get(MIGRATION).json().getString("phase");
    }

    private static JsonObject ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonObject await(Predicate<JsonObject> condition) {
        Reply reply = Http.await(
                PATIENCE,
                answer -> answer.status() == 200 && condition.test(answer.json()),
                () -> operator.get(MIGRATION));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(condition.test(reply.json())).as(reply.body()).isTrue();
        return reply.json();
    }

    private static String checksumUrl() {
        return URL + "/admin/v1/replication/stores/shard-0/checksum";
    }

    private static JsonObject awaitChecksums(Predicate<JsonObject> condition) {
        Reply reply = Http.await(
                PATIENCE,
                answer -> answer.status() == 200 && condition.test(answer.json()),
                () -> operator.get(checksumUrl()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(condition.test(reply.json())).as(reply.body()).isTrue();
        return reply.json();
    }

    private static long rows(JsonObject sums, String side) {
        return sums.getJsonObject(side).getJsonNumber("rows").longValue();
    }

    private static String bundle(Secret secret) {
        return Secrets.bundleText(mine.tenant.secrets, secret.getId());
    }

    private static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.json().getString("code")).isEqualTo(code);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
