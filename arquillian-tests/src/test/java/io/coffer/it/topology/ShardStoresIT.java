package io.coffer.it.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.vault.VaultsClient;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import com.oracle.bmc.vault.requests.ListSecretsRequest;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import io.coffer.it.support.CofferCommand;
import io.coffer.it.support.CofferCommand.Outcome;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.TopologyProcesses;
import io.coffer.server.topology.Processes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two shards on a real topology ({@code ./coffer start --shards 2}): two cells of one host each (host-1 in the base cell,
 * cell-0, serving the base store and shard-0; host-2 in cell-1, serving shard-1), and shard-1's store in a Derby network
 * server of its own. Every request goes to the base cell's host, which forwards those for shard-1's resources to cell-1
 * over mutual TLS. Vaults land on both shards and everything works on either, through the SDK; each cell keeps the
 * replicas of its own shard only; while shard-1's store is frozen (SIGSTOP), then killed (-9), shard-0's secrets are
 * written, activated and read as before, a write on shard-1 answers 503 (shard-1's reads are served from cell-1's
 * replica while the store is frozen), and once the store is back nothing acknowledged is lost; with cell-1's host
 * killed (-9), shard-1's requests answer 503 and shard-0 is served on, and once the host is back nothing is lost.
 *
 * <p>Every SDK call here gives up after {@link #PATIENCE}: a request that hangs fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardStoresIT {

    private static final int PORT_BASE = 26800;
    private static final int DERBY_PORT = 26927;
    private static final Path HOME = Path.of(System.getProperty("coffer.topology.home") + "-shards")
            .toAbsolutePath()
            .normalize();
    private static final String[] TOPOLOGY = {
        "--home",
        HOME.toString(),
        "--port-base",
        String.valueOf(PORT_BASE),
        "--derby-port",
        String.valueOf(DERBY_PORT),
        "--broker-port",
        "26916"
    };
    private static final String URL = "http://127.0.0.1:" + (PORT_BASE + 80);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Operator operator;
    /** A vault (with its key) on each shard, by shard. */
    private final Map<String, Secrets> vaults = new LinkedHashMap<>();
    /** Every secret whose write was acknowledged, with its content now, by shard. */
    private final Map<String, Map<String, String>> acknowledged = new LinkedHashMap<>();

    @BeforeAll
    void startTwoShards() throws IOException {
        // a fresh install: the placement counts vaults from the first one
        coffer(Duration.ofMinutes(5), "stop");
        if (Files.exists(HOME)) {
            try (Stream<Path> files = Files.walk(HOME)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Outcome started = coffer(Duration.ofMinutes(20), "start", "--shards", "2");
        assertThat(started.exitCode()).as(started.all()).isZero();
        operator = Operator.of(HOME).ready(URL);
    }

    @Test
    @Order(1)
    void eachFurtherShardsStoreRunsInADerbyServerOfItsOwn() {
        assertThat(derbyServers()).hasSize(2);
        Outcome status = coffer(Duration.ofMinutes(2), "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out())
                .containsPattern("derby\\s+127\\.0\\.0\\.1:" + DERBY_PORT + "\\s+running")
                .containsPattern("derby-shard-1\\s+127\\.0\\.0\\.1:" + (DERBY_PORT + 1) + "\\s+running")
                .containsPattern("shard-1\\s+127\\.0\\.0\\.1:" + (DERBY_PORT + 1) + "/coffer-shard-1\\s+vaults")
                .contains("host of cell-1");

        JsonObject shard = json(operator.get(URL + "/admin/v1/shards/shard-1"));
        assertThat(shard.toString()).contains("127.0.0.1:" + (DERBY_PORT + 1) + "/coffer-shard-1");
    }

    @Test
    @Order(2)
    void vaultsLandOnBothShardsAndEveryOperationWorksOnEither() {
        Tenant tenant = Tenant.create(operator, URL, "sharded");
        for (int attempt = 0; attempt < 4 && vaults.size() < 2; attempt++) {
            Secrets vault = Secrets.in(tenant);
            vaults.putIfAbsent(shardOf(vault.vault.getId()), vault);
        }
        assertThat(vaults.keySet()).containsExactlyInAnyOrder("shard-0", "shard-1");

        String run = UUID.randomUUID().toString().substring(0, 8);
        for (Map.Entry<String, Secrets> vault : vaults.entrySet()) {
            Secrets secrets = vault.getValue();
            Secret secret = secrets.active(secrets.create("on-" + vault.getKey() + "-" + run, "first " + vault.getKey())
                    .getId());
            assertThat(Secrets.bundleText(secrets.tenant.secretsAt(URL), secret.getId()))
                    .isEqualTo("first " + vault.getKey());

            secrets.tenant
                    .vaultsAt(URL)
                    .updateSecret(UpdateSecretRequest.builder()
                            .secretId(secret.getId())
                            .updateSecretDetails(UpdateSecretDetails.builder()
                                    .secretContent(Base64SecretContentDetails.builder()
                                            .content(Secrets.base64("second " + vault.getKey()))
                                            .build())
                                    .build())
                            .build());
            // the new version reaches this host's replica asynchronously
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            String current = Secrets.bundleText(secrets.tenant.secretsAt(URL), secret.getId());
            while (!current.equals("second " + vault.getKey()) && Instant.now().isBefore(deadline)) {
                Http.sleep(200);
                current = Secrets.bundleText(secrets.tenant.secretsAt(URL), secret.getId());
            }
            assertThat(current).isEqualTo("second " + vault.getKey());
            assertThat(secrets.tenant
                            .vaultsAt(URL)
                            .listSecrets(ListSecretsRequest.builder()
                                    .compartmentId(secrets.tenant.tenancyId)
                                    .vaultId(secrets.vault.getId())
                                    .build())
                            .getItems())
                    .extracting(summary -> summary.getId())
                    .contains(secret.getId());
            acknowledged
                    .computeIfAbsent(vault.getKey(), shard -> new LinkedHashMap<>())
                    .put(secret.getId(), "second " + vault.getKey());
        }
        JsonObject shard = json(operator.get(URL + "/admin/v1/shards/shard-1"));
        assertThat(shard.toString()).containsPattern("\"vaults\"\\s*:\\s*1\\b");
    }

    @Test
    @Order(3)
    void eachCellKeepsTheReplicasOfTheBaseStoreAndOfItsOwnShard() {
        JsonObject vault = json(operator.get(
                URL + "/admin/v1/vaults/" + vaults.get("shard-1").vault.getId() + "/shard"));
        assertThat(vault.getString("cell")).isEqualTo("cell-1");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Map<String, List<String>> replicas = replicasByHost();
        while (!replicas.equals(Map.of("host-1", List.of("base", "shard-0"), "host-2", List.of("base", "shard-1")))
                && Instant.now().isBefore(deadline)) {
            Http.sleep(500);
            replicas = replicasByHost();
        }
        assertThat(replicas)
                .as("the stores each host reports having applied")
                .isEqualTo(Map.of("host-1", List.of("base", "shard-0"), "host-2", List.of("base", "shard-1")));

        JsonObject shard1 = json(operator.get(URL + "/admin/v1/shards/shard-1"));
        assertThat(shard1.getString("cell")).isEqualTo("cell-1");
        assertThat(shard1.getJsonArray("cellHosts").getValuesAs(JsonObject.class))
                .extracting(host -> host.getString("host") + " " + host.getString("cellUrl"))
                .containsExactly("host-2 https://127.0.0.1:" + (PORT_BASE + 100 + 43));
    }

    @Test
    @Order(4)
    void whileShard1sStoreIsFrozenThenKilledShard0IsServedAndAStartBringsItBackWithNothingLost() throws Exception {
        ProcessHandle shardStore = derbyServerOf("shard-1");
        signal("-STOP", shardStore);
        try {
            // its connections hang rather than fail: the writes that need it give up, nothing else waits for it
            shard0StillServes("while frozen");
            Instant asked = Instant.now();
            refusedOnShard1("while frozen");
            System.out.println("a write on shard-1 with its store frozen answered 503 after "
                    + Duration.between(asked, Instant.now()).toMillis() + " ms");
            // reads need no remote store: cell-1's host serves them from its replica
            SecretsClient reads = vaults.get("shard-1").tenant.secretsImpatient(PATIENCE);
            acknowledged
                    .get("shard-1")
                    .forEach((id, expected) -> assertThat(Secrets.bundleText(reads, id))
                            .as("secret %s of shard-1 while its store is frozen", id)
                            .isEqualTo(expected));
        } finally {
            signal("-KILL", shardStore);
        }
        shardStore.onExit().get();
        shard0StillServes("while killed");
        refusedOnShard1("while killed");

        Outcome started = coffer(Duration.ofMinutes(10), "start");
        assertThat(started.exitCode()).as(started.all()).isZero();
        assertThat(derbyServers()).hasSize(2);
        awaitWriteOnShard1("after the restart");
        nothingLost();
    }

    @Test
    @Order(5)
    void withCell1sHostKilledShard1Answers503AndShard0IsServedAndAStartBringsItBackWithNothingLost() throws Exception {
        ProcessHandle host2 = ProcessHandle.of(
                        Long.parseLong(Files.readString(HOME.resolve("domains/host-2/config/pid"))
                                .trim()))
                .orElseThrow();
        host2.destroyForcibly();
        host2.onExit().get();

        // the impatient client gives up after PATIENCE: a 503 here is an answer, not a hang
        SecretsClient reads = vaults.get("shard-1").tenant.secretsImpatient(PATIENCE);
        for (String secretId : acknowledged.get("shard-1").keySet()) {
            try {
                Secrets.bundleText(reads, secretId);
                throw new AssertionError("secret " + secretId + " of shard-1 was read with cell-1 down");
            } catch (BmcException refused) {
                assertThat(refused.getStatusCode()).as(refused.getMessage()).isEqualTo(503);
                assertThat(refused.getServiceCode()).isEqualTo("ServiceUnavailable");
            }
        }
        refusedOnShard1("while cell-1 is down");
        shard0StillServes("while cell-1 is down");
        String metrics = Http.get(URL + "/metrics").body();
        for (String outcome : List.of("answered", "unavailable")) {
            assertThat(metrics)
                    .as("host-1's forwarding to cell-1, %s", outcome)
                    .containsPattern(
                            "(?m)^coffer_cell_forwarded_seconds_count\\{cell=\"cell-1\",mp_scope=\"application\","
                                    + "outcome=\"" + outcome + "\"\\} [1-9]");
        }

        Outcome started = coffer(Duration.ofMinutes(10), "start");
        assertThat(started.exitCode()).as(started.all()).isZero();
        awaitWriteOnShard1("after cell-1 is back");
        nothingLost();
    }

    @AfterAll
    void stopLeavesNothingBehind() {
        Outcome stopped = coffer(Duration.ofMinutes(5), "stop");
        assertThat(stopped.exitCode()).as(stopped.all()).isZero();
        assertThat(TopologyProcesses.of(HOME))
                .as("processes of the topology after stop")
                .isEmpty();
    }

    /** A write and reads on shard-0, which must not notice what happens to shard-1's store. */
    private void shard0StillServes(String when) {
        Secrets secrets = vaults.get("shard-0");
        VaultsClient writes = secrets.tenant.vaultsImpatient(PATIENCE);
        SecretsClient reads = secrets.tenant.secretsImpatient(PATIENCE);
        String content = "shard-0 " + when;
        Secret secret = writes.createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(secrets.details(
                                        "s0-" + UUID.randomUUID().toString().substring(0, 8), content)
                                .build())
                        .build())
                .getSecret();
        secrets.active(secret.getId());
        assertThat(Secrets.bundleText(reads, secret.getId())).isEqualTo(content);
        acknowledged
                .get("shard-0")
                .forEach((id, expected) -> assertThat(Secrets.bundleText(reads, id))
                        .as("secret %s of shard-0 %s", id, when)
                        .isEqualTo(expected));
        acknowledged.get("shard-0").put(secret.getId(), content);
    }

    private void refusedOnShard1(String when) {
        Secrets secrets = vaults.get("shard-1");
        VaultsClient writes = secrets.tenant.vaultsImpatient(PATIENCE);
        try {
            Secret written = writes.createSecret(CreateSecretRequest.builder()
                            .createSecretDetails(secrets.details(
                                            "s1-" + UUID.randomUUID().toString().substring(0, 8), "shard-1 " + when)
                                    .build())
                            .build())
                    .getSecret();
            throw new AssertionError("a write on shard-1 " + when + " was acknowledged: " + written.getId());
        } catch (BmcException refused) {
            assertThat(refused.getStatusCode()).as(refused.getMessage()).isEqualTo(503);
            assertThat(refused.getServiceCode()).isEqualTo("ServiceUnavailable");
        }
    }

    /** The first write on shard-1 that succeeds once its store is back (until then 503, or 409 while Derby recovers). */
    private void awaitWriteOnShard1(String when) {
        Secrets secrets = vaults.get("shard-1");
        VaultsClient writes = secrets.tenant.vaultsImpatient(PATIENCE);
        String content = "shard-1 " + when;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        BmcException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Secret secret = writes.createSecret(CreateSecretRequest.builder()
                                .createSecretDetails(secrets.details(
                                                "s1-"
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 8),
                                                content)
                                        .build())
                                .build())
                        .getSecret();
                secrets.active(secret.getId());
                acknowledged.get("shard-1").put(secret.getId(), content);
                return;
            } catch (BmcException notYet) {
                assertThat(notYet.getStatusCode()).as(notYet.getMessage()).isIn(503, 409);
                last = notYet;
            }
            Http.sleep(500);
        }
        throw new AssertionError("no write on shard-1 succeeded within 90 s " + when + "; last: " + last);
    }

    /** Every acknowledged secret of both shards, read through the data plane: present, active, its content unchanged. */
    private void nothingLost() {
        for (Map.Entry<String, Map<String, String>> shard : acknowledged.entrySet()) {
            Secrets secrets = vaults.get(shard.getKey());
            SecretsClient reads = secrets.tenant.secretsImpatient(PATIENCE);
            for (Map.Entry<String, String> secret : shard.getValue().entrySet()) {
                assertThat(secrets.get(secret.getKey()).getLifecycleState()).isEqualTo(Secret.LifecycleState.Active);
                assertThat(Secrets.bundleText(reads, secret.getKey()))
                        .as("secret %s of %s", secret.getKey(), shard.getKey())
                        .isEqualTo(secret.getValue());
            }
        }
    }

    /** Which stores each host reports a replica position for, sorted. */
    private Map<String, List<String>> replicasByHost() {
        Reply reply = operator.get(URL + "/admin/v1/replication/hosts");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Map<String, List<String>> stores = new java.util.TreeMap<>();
        for (JsonObject position :
                Json.createReader(new StringReader(reply.body())).readArray().getValuesAs(JsonObject.class)) {
            stores.computeIfAbsent(position.getString("host"), host -> new ArrayList<>())
                    .add(position.getString("store"));
        }
        stores.values().forEach(java.util.Collections::sort);
        return stores;
    }

    private String shardOf(String vaultId) {
        return json(operator.get(URL + "/admin/v1/vaults/" + vaultId + "/shard"))
                .getString("shard");
    }

    private static JsonObject json(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.createReader(new StringReader(reply.body())).readObject();
    }

    private static List<ProcessHandle> derbyServers() {
        return TopologyProcesses.of(HOME).stream()
                .map(pid -> ProcessHandle.of(pid).orElseThrow())
                .filter(process -> Processes.arguments(process).contains("org.apache.derby.drda.NetworkServerControl"))
                .toList();
    }

    private static ProcessHandle derbyServerOf(String shard) {
        String home = "-Dderby.system.home=" + HOME.resolve("derby-" + shard);
        List<ProcessHandle> servers = derbyServers().stream()
                .filter(process -> Processes.arguments(process).contains(home))
                .toList();
        assertThat(servers).as("the Derby server of " + shard).hasSize(1);
        return servers.get(0);
    }

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill " + signal + " " + process.pid()).isZero();
    }

    private static Outcome coffer(Duration timeout, String command, String... more) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        arguments.addAll(List.of(TOPOLOGY));
        arguments.addAll(List.of(more));
        return CofferCommand.run(timeout, arguments.toArray(String[]::new));
    }
}
