package io.coffer.it.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.CofferCommand;
import io.coffer.it.support.CofferCommand.Outcome;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.LoopbackWatch;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.TopologyProcesses;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real three-host topology started by {@code ./coffer start --hosts 3}, the way a user starts it: Derby network
 * server, ActiveMQ broker and three Payara Server domains clustered through the data grid. Writes through one host
 * reach every host's local store; the broker and the remote store can go away without losing anything; stop leaves
 * no process behind; and no process ever listens on or talks to anything but 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeHostTopologyIT {

    private static final int PORT_BASE = 25000;
    private static final Path HOME =
            Path.of(System.getProperty("coffer.topology.home")).toAbsolutePath().normalize();
    private static final String[] TOPOLOGY = {
        "--home",
        HOME.toString(),
        "--port-base",
        String.valueOf(PORT_BASE),
        "--derby-port",
        "25527",
        "--broker-port",
        "25616"
    };
    private static final List<String> HOSTS =
            List.of("http://127.0.0.1:25080", "http://127.0.0.1:25180", "http://127.0.0.1:25280");

    private LoopbackWatch loopback;
    private Operator operator;
    private Secrets secrets;

    @BeforeAll
    void startThreeHosts() {
        loopback = new LoopbackWatch(HOME);
        Outcome started = coffer(Duration.ofMinutes(20), "start", "--hosts", "3");
        assertThat(started.exitCode()).as(started.all()).isZero();
        assertThat(started.out())
                .contains(
                        "Coffer is up",
                        "API http://127.0.0.1:25080",
                        "API http://127.0.0.1:25180",
                        "API http://127.0.0.1:25280",
                        "console http://127.0.0.1:25080/console/",
                        "operator credentials");
        operator = Operator.of(HOME).ready(HOSTS.get(0));
    }

    @Test
    @Order(1)
    void aRecordWrittenThroughHostOneReachesTheLocalStoreOfEveryHost() {
        Reply written = operator.post(HOSTS.get(0) + "/admin/v1/stores/shard-0/probes", "{\"note\":\"fan-out\"}");
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        String id = written.json().getString("id");
        for (String host : HOSTS) {
            Reply local = awaitLocal(host, "shard-0", id);
            assertThat(local.status()).as("probe on %s", host).isEqualTo(200);
            assertThat(local.json().getString("note")).isEqualTo("fan-out");
            assertThat(local.json().getString("createdAt"))
                    .isEqualTo(written.json().getString("createdAt"));
        }
    }

    @Test
    @Order(2)
    void statusListsEveryProcessWithItsUrlAndAppliedPosition() {
        Outcome status = coffer(Duration.ofMinutes(2), "status");
        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out()).contains("derby", "broker");
        for (String host : HOSTS) {
            assertThat(status.out())
                    .containsPattern(
                            host.replace(".", "\\.") + "\\s+running \\(pid \\d+\\)\\s+applied base@\\d+ shard-0@[1-9]");
        }
    }

    @Test
    @Order(3)
    void theHostsFormOneDataGrid() throws Exception {
        Path asadmin = HOME.resolve("payara/payara6/bin/asadmin");
        Process members = new ProcessBuilder(
                        asadmin.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        String.valueOf(PORT_BASE + 48),
                        "list-hazelcast-cluster-members")
                .redirectErrorStream(true)
                .start();
        String output = new String(members.getInputStream().readAllBytes());
        assertThat(members.waitFor()).as(output).isZero();
        for (int host = 0; host < 3; host++) {
            assertThat(output).contains("/127.0.0.1", String.valueOf(PORT_BASE + 100 * host + 49));
        }
    }

    @Test
    @Order(4)
    void withTheBrokerDownWritesAreKeptAndReachEveryHostOnceItIsBack() throws Exception {
        kill(HOME.resolve("run/broker.pid"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Reply written = operator.post(
                    HOSTS.get(1) + "/admin/v1/stores/shard-0/probes",
                    "{\"note\":\"while the broker is down " + i + "\"}");
            assertThat(written.status()).as(written.body()).isEqualTo(201);
            ids.add(written.json().getString("id"));
        }
        Outcome restarted = coffer(Duration.ofMinutes(10), "start");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        for (String host : HOSTS) {
            for (String id : ids) {
                assertThat(awaitLocal(host, "shard-0", id).status())
                        .as("probe %s on %s", id, host)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    @Order(5)
    void secretsWrittenThroughHostOneAreServedByTheLocalStoresOfEveryHost() {
        secrets = Secrets.in(Tenant.create(operator, HOSTS.get(0), "topology"));
        Secret before =
                secrets.create("before-switch-" + UUID.randomUUID().toString().substring(0, 6), "written before");
        switchReadsEverywhere("LOCAL");
        for (String host : HOSTS) {
            assertThat(bundle(secrets.tenant.secretsAt(host), before.getId())).isEqualTo("written before");
        }
        // ACTIVE means every host of the cell has it: read at once from host-3's own store, with no fallback to lean
        // on.
        Secret fresh = secrets.create("fresh-" + UUID.randomUUID().toString().substring(0, 6), "fresh content");
        assertThat(bundle(secrets.tenant.secretsAt(HOSTS.get(2)), fresh.getId()))
                .isEqualTo("fresh content");
        for (String host : HOSTS.subList(1, 3)) {
            assertThat(
                            metric(
                                    host,
                                    "coffer_store_read_seconds_count\\{mp_scope=\"application\",side=\"local\",store=\"shard-0\"\\}"))
                    .as("local reads on %s", host)
                    .isPositive();
        }
        Reply hosts = operator.get(HOSTS.get(0) + "/admin/v1/replication/hosts");
        assertThat(hosts.body()).contains("\"host\":\"host-1\"", "\"host\":\"host-2\"", "\"host\":\"host-3\"");
    }

    @Test
    @Order(6)
    void aHostKilledDuringAStreamOfWritesCatchesUpToExactlyTheRemoteContent() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(
                () -> {
                    int n = 0;
                    while (writing.get() && n < 400) {
                        try {
                            written.add(secrets.tenant
                                    .vaults
                                    .createSecret(CreateSecretRequest.builder()
                                            .createSecretDetails(secrets.details(
                                                            "stream-" + n + "-"
                                                                    + UUID.randomUUID()
                                                                            .toString()
                                                                            .substring(0, 6),
                                                            "stream " + n)
                                                    .build())
                                            .build())
                                    .getSecret()
                                    .getId());
                        } catch (BmcException refusedWhileBusy) {
                            // a write refused now is simply not part of the content compared below
                        }
                        n++;
                    }
                },
                "writer");
        writer.start();
        while (written.size() < 10) {
            Http.sleep(100);
        }
        kill(HOME.resolve("domains/host-3/config/pid"));
        Http.sleep(4000);
        Outcome restarted = coffer(Duration.ofMinutes(10), "start");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        // start waits for readiness, which includes having caught up with every remote store's log since the restart
        assertThat(Http.get(HOSTS.get(2) + "/health").body()).contains("\"replicas\",\"status\":\"UP\"");
        Http.sleep(3000);
        writing.set(false);
        writer.join(60_000);
        assertThat(written).hasSizeGreaterThan(20);
        for (String store : List.of("base", "shard-0")) {
            for (String host : HOSTS) {
                Reply sums = Http.await(
                        Duration.ofSeconds(120),
                        reply -> reply.status() == 200
                                && reply.json()
                                        .getJsonObject("remote")
                                        .equals(reply.json().getJsonObject("local")),
                        () -> operator.get(host + "/admin/v1/replication/stores/" + store + "/checksum"));
                assertThat(sums.json().getJsonObject("local"))
                        .as("%s replica of %s: %s", host, store, sums.body())
                        .isEqualTo(sums.json().getJsonObject("remote"));
            }
        }
        String last = written.get(written.size() - 1);
        secrets.active(last);
        assertThat(bundle(secrets.tenant.secretsAt(HOSTS.get(2)), last)).startsWith("stream ");
    }

    @Test
    @Order(7)
    void noPlaintextTravelsThroughTheBroker() throws Exception {
        String marker =
                "JMSMARK" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Secret marked = secrets.create("marked-" + UUID.randomUUID().toString().substring(0, 6), "value " + marker);
        assertThat(bundle(secrets.tenant.secretsAt(HOSTS.get(1)), marked.getId()))
                .contains(marker);
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        int scanned = 0;
        try (Stream<Path> files = Files.walk(HOME.resolve("broker"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                        .as("marker in %s", file)
                        .doesNotContain(marker);
                assertThat(needle).isNotEmpty();
                scanned++;
            }
        }
        assertThat(scanned).isPositive();
    }

    @Test
    @Order(8)
    void withTheRemoteStoreDownLocalReadsGoOnAndWritesFailCleanly() throws Exception {
        Secret kept = secrets.create("kept-" + UUID.randomUUID().toString().substring(0, 6), "served locally");
        switchReadsEverywhere("HYBRID");
        Reply probe =
                operator.post(HOSTS.get(0) + "/admin/v1/stores/shard-0/probes", "{\"note\":\"before the outage\"}");
        String probeId = probe.json().getString("id");
        assertThat(awaitLocal(HOSTS.get(2), "shard-0", probeId).status()).isEqualTo(200);

        kill(HOME.resolve("run/derby.pid"));
        for (String host : HOSTS) {
            assertThat(bundle(secrets.tenant.secretsAt(host), kept.getId()))
                    .as("read on %s", host)
                    .isEqualTo("served locally");
            assertThat(operator.get(host + "/admin/v1/stores/shard-0/probes/" + probeId + "?from=local")
                            .status())
                    .isEqualTo(200);
        }
        BmcException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                BmcException.class,
                () -> secrets.tenant.vaults.createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(
                                secrets.details("during-outage", "x").build())
                        .build()));
        assertThat(refused).isNotNull();
        assertThat(refused.getStatusCode()).isEqualTo(503);
        assertThat(refused.getServiceCode()).isEqualTo("ServiceUnavailable");
        Reply refusedProbe =
                operator.post(HOSTS.get(0) + "/admin/v1/stores/shard-0/probes", "{\"note\":\"during the outage\"}");
        assertThat(refusedProbe.status()).as(refusedProbe.body()).isEqualTo(503);
        assertThat(refusedProbe.body()).doesNotContain("Exception", "\tat ");
        Reply health = Http.get(HOSTS.get(0) + "/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("\"remote-stores\",\"status\":\"DOWN\"");

        Outcome restarted = coffer(Duration.ofMinutes(10), "start");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        Reply after = Http.await(
                Duration.ofSeconds(60),
                reply -> reply.status() == 201,
                () -> operator.post(
                        HOSTS.get(0) + "/admin/v1/stores/shard-0/probes", "{\"note\":\"after the outage\"}"));
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        Secret afterOutage =
                secrets.create("after-outage-" + UUID.randomUUID().toString().substring(0, 6), "written after");
        for (String host : HOSTS) {
            assertThat(bundle(secrets.tenant.secretsAt(host), afterOutage.getId()))
                    .isEqualTo("written after");
        }
    }

    private void switchReadsEverywhere(String accessor) {
        for (String store : List.of("base", "shard-0")) {
            Reply switched = operator.put(
                    HOSTS.get(0) + "/admin/v1/shards/" + store + "/reads", "{\"accessor\":\"" + accessor + "\"}");
            assertThat(switched.status()).as(switched.body()).isEqualTo(200);
        }
        for (String host : HOSTS) {
            Reply followed = Http.await(
                    Duration.ofSeconds(20),
                    reply -> reply.status() == 200
                            && reply.body().split("\"reads\":\"" + accessor + "\"", -1).length == 3,
                    () -> operator.get(host + "/admin/v1/shards"));
            assertThat(followed.body())
                    .as("%s follows the switch within seconds", host)
                    .contains("\"reads\":\"" + accessor + "\"");
        }
    }

    private static String bundle(SecretsClient client, String secretId) {
        return Secrets.text(((Base64SecretBundleContentDetails) client.getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(secretId)
                                .build())
                        .getSecretBundle()
                        .getSecretBundleContent())
                .getContent());
    }

    private static long metric(String host, String pattern) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^" + pattern + " ([0-9.E+]+)")
                .matcher(Http.get(host + "/metrics").body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    @AfterAll
    void stopLeavesNothingBehindAndNothingLeftLoopback() throws Exception {
        Outcome stopped = coffer(Duration.ofMinutes(5), "stop");
        List<Long> leftovers = TopologyProcesses.of(HOME);
        loopback.close();
        assertThat(stopped.exitCode()).as(stopped.all()).isZero();
        assertThat(stopped.out()).contains("Nothing of Coffer runs any more.");
        assertThat(leftovers).as("processes of the topology after stop").isEmpty();
        for (int port : new int[] {25080, 25180, 25280, 25048, 25527, 25616}) {
            try (ServerSocket free = new ServerSocket()) {
                free.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
        assertThat(loopback.violations())
                .as("sockets off loopback (%s)", loopback.summary())
                .isEmpty();
        assertThat(loopback.summary()).doesNotStartWith("0 samples");
    }

    private Reply awaitLocal(String host, String store, String id) {
        return Http.await(
                Duration.ofSeconds(90),
                reply -> reply.status() == 200,
                () -> operator.get(host + "/admin/v1/stores/" + store + "/probes/" + id + "?from=local"));
    }

    private static Outcome coffer(Duration timeout, String command, String... more) {
        List<String> arguments = new ArrayList<>();
        arguments.add(command);
        arguments.addAll(List.of(TOPOLOGY));
        arguments.addAll(List.of(more));
        return CofferCommand.run(timeout, arguments.toArray(String[]::new));
    }

    private static void kill(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
        process.destroyForcibly();
        process.onExit().get();
    }
}
