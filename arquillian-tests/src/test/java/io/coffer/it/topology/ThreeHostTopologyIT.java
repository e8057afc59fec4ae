package io.coffer.it.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.CofferCommand;
import io.coffer.it.support.CofferCommand.Outcome;
import io.coffer.it.support.HalfStartedServer;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.InternalServices;
import io.coffer.it.support.LoopbackWatch;
import io.coffer.it.support.Operator;
import io.coffer.it.support.ReadAccessors;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.ServerLogs;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.TopologyProcesses;
import io.coffer.server.topology.InternalCredentials;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
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
 * reach every host's local store; the broker and the remote store can go away without losing anything; the stores
 * and the broker let in only the install's credentials; after any crash {@code ./coffer start} alone heals it; stop
 * leaves no process behind; and no process ever listens on or talks to anything but 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeHostTopologyIT {

    private static final int PORT_BASE = 25000;
    private static final int DERBY_PORT = 25527;
    private static final int BROKER_PORT = 25616;
    private static final Path HOME =
            Path.of(System.getProperty("coffer.topology.home")).toAbsolutePath().normalize();
    private static final String[] TOPOLOGY = {
        "--home",
        HOME.toString(),
        "--port-base",
        String.valueOf(PORT_BASE),
        "--derby-port",
        String.valueOf(DERBY_PORT),
        "--broker-port",
        String.valueOf(BROKER_PORT)
    };
    /** How long the broker stays down in the log-volume check, and what a host may log meanwhile (it logged ~100 lines a second before outages were said once). */
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(60);

    private static final long LINES_PER_BROKER_OUTAGE = 200;
    private static final List<String> HOSTS =
            List.of("http://127.0.0.1:25080", "http://127.0.0.1:25180", "http://127.0.0.1:25280");

    private LoopbackWatch loopback;
    /** Secrets written while host-3 was down and the log was pruned past it: a host that joins later must serve them. */
    private final Map<String, String> writtenWhilePruned = new LinkedHashMap<>();

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
    @Order(0)
    void theStoresAndTheBrokerLetInOnlyTheInstallsCredentials() throws Exception {
        Path file = HOME.resolve(InternalCredentials.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        InternalCredentials credentials = InternalServices.credentials(HOME);
        for (String store : List.of("coffer-base", "coffer-shard-0")) {
            String url = InternalServices.storeUrl(DERBY_PORT, store);
            assertThat(refusal(() -> DriverManager.getConnection(url)))
                    .as("%s without credentials", store)
                    .isEqualTo("08004");
            assertThat(refusal(() -> DriverManager.getConnection(
                            url, credentials.derbyUser(), "wrong-" + credentials.derbyPassword())))
                    .as("%s with a wrong password", store)
                    .isEqualTo("08004");
            assertThat(refusal(() -> DriverManager.getConnection(url, "intruder", credentials.derbyPassword())))
                    .as("%s as another user", store)
                    .isEqualTo("08004");
            try (Connection connection = InternalServices.store(HOME, DERBY_PORT, store);
                    ResultSet tables = connection.getMetaData().getTables(null, "APP", "REPL_LOG", null)) {
                assertThat(tables.next())
                        .as("%s holds Coffer's tables, in schema APP", store)
                        .isTrue();
            }
        }

        for (ActiveMQConnectionFactory stranger : List.of(
                InternalServices.broker(BROKER_PORT, null, null),
                InternalServices.broker(BROKER_PORT, credentials.brokerUser(), "wrong-" + credentials.brokerPassword()),
                InternalServices.broker(BROKER_PORT, "intruder", credentials.brokerPassword()))) {
            assertThatThrownBy(() -> {
                        try (jakarta.jms.Connection connection = stranger.createConnection()) {
                            connection
                                    .createSession(false, Session.AUTO_ACKNOWLEDGE)
                                    .createTopic("coffer.replication");
                        }
                    })
                    .as("a JMS connection as %s", stranger.getUserName())
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (jakarta.jms.Connection connection =
                InternalServices.broker(HOME, BROKER_PORT).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createTemporaryQueue();
            session.createProducer(queue).send(session.createTextMessage("round trip"));
            Message received = session.createConsumer(queue).receive(10_000);
            assertThat(received).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) received).getText()).isEqualTo("round trip");
        }
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
        assertThat(status.out())
                .containsPattern(
                        "shard-0\\s+127\\.0\\.0\\.1:25527/coffer-shard-0\\s+vaults; served by cell-0: host-1 host-2 host-3");
    }

    @Test
    @Order(3)
    void everyHostsTransactionManagerHasANameOfItsOwn() throws Exception {
        // Recovery at start rolls back the prepared branches in the stores that carry the host's name and are not in
        // its own log: with one name for all, a restarting host rolled back the branches its peers had prepared.
        for (int host = 1; host <= 3; host++) {
            Path recoveryFile = HOME.resolve("domains/host-" + host + "/logs/server/tx/recoveryfile");
            assertThat(Files.readString(recoveryFile)).startsWith("coffer-host-" + host + ",");
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
        Map<Integer, Long> linesBefore = new LinkedHashMap<>();
        for (int host = 1; host <= 3; host++) {
            linesBefore.put(host, serverLogs(host).lines());
        }
        // A minute without the broker, writes through host-2 every few seconds: each wakes the publishers, which
        // cannot send; the hosts say so once, not at every try.
        List<String> ids = new ArrayList<>();
        long outageEnds = System.nanoTime() + BROKER_OUTAGE.toNanos();
        for (int i = 0; System.nanoTime() < outageEnds; i++) {
            Reply written = operator.post(
                    HOSTS.get(1) + "/admin/v1/stores/shard-0/probes",
                    "{\"note\":\"while the broker is down " + i + "\"}");
            assertThat(written.status()).as(written.body()).isEqualTo(201);
            ids.add(written.json().getString("id"));
            Http.sleep(5_000);
        }
        for (int host = 1; host <= 3; host++) {
            long logged = serverLogs(host).lines() - linesBefore.get(host);
            assertThat(logged)
                    .as(
                            "lines host-%d logged during a %d s broker outage; its records: %s",
                            host, BROKER_OUTAGE.toSeconds(), serverLogs(host).recordsInLast(logged))
                    .isLessThanOrEqualTo(LINES_PER_BROKER_OUTAGE);
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
                    .as(
                            "local reads on %s, whose view of the stores is %s",
                            host, operator.get(host + "/admin/v1/shards").body())
                    .isPositive();
        }
        Reply hosts = operator.get(HOSTS.get(0) + "/admin/v1/replication/hosts");
        assertThat(hosts.body()).contains("\"host\":\"host-1\"", "\"host\":\"host-2\"", "\"host\":\"host-3\"");
    }

    @Test
    @Order(6)
    void aHostKilledDuringAStreamOfWritesCatchesUpToExactlyTheRemoteContent() throws Exception {
        // the writer's ledger: every acknowledged write with its content, every refusal by its status
        Map<String, String> written = Collections.synchronizedMap(new LinkedHashMap<>());
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(
                () -> {
                    int n = 0;
                    while (writing.get() && n < 400) {
                        String content = "stream " + n + " " + UUID.randomUUID();
                        try {
                            written.put(
                                    secrets.tenant
                                            .vaults
                                            .createSecret(CreateSecretRequest.builder()
                                                    .createSecretDetails(secrets.details(
                                                                    "stream-" + n + "-"
                                                                            + UUID.randomUUID()
                                                                                    .toString()
                                                                                    .substring(0, 6),
                                                                    content)
                                                            .build())
                                                    .build())
                                            .getSecret()
                                            .getId(),
                                    content);
                        } catch (BmcException refusedWhileBusy) {
                            // not acknowledged: not part of what must be there (the count is part of the report below)
                            refused.merge(refusedWhileBusy.getStatusCode(), 1, Integer::sum);
                        }
                        n++;
                    }
                },
                "writer");
        writer.start();
        awaitMoreWrites(written, writer, 10);
        kill(HOME.resolve("domains/host-3/config/pid"));
        // writes go on through host-1 while host-3 is gone
        awaitMoreWrites(written, writer, 10);
        Outcome restarted = coffer(Duration.ofMinutes(10), "start");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        // start waits for readiness, which includes having caught up with every remote store's log since the restart
        assertThat(Http.get(HOSTS.get(2) + "/health").body()).contains("\"replicas\",\"status\":\"UP\"");
        // and after it is back
        awaitMoreWrites(written, writer, 10);
        writing.set(false);
        writer.join(60_000);
        assertThat(written)
                .as("acknowledged writes (refused by status: %s)", refused)
                .hasSizeGreaterThan(20);
        for (String store : List.of("base", "shard-0")) {
            for (String host : HOSTS) {
                assertReplicaEqualsRemote(host, store);
            }
        }
        // nothing acknowledged is lost: every acknowledged secret reads back from the killed host with its content
        SecretsClient killedHost = secrets.tenant.secretsAt(HOSTS.get(2));
        for (Map.Entry<String, String> acknowledged : List.copyOf(written.entrySet())) {
            secrets.active(acknowledged.getKey());
            assertThat(bundle(killedHost, acknowledged.getKey()))
                    .as("acknowledged secret %s", acknowledged.getKey())
                    .isEqualTo(acknowledged.getValue());
        }
    }

    @Test
    @Order(7)
    void aHostDownWhileTheLogIsPrunedRebuildsItsReplicaFromTheRemoteStoreAndServesEverything() throws Exception {
        kill(HOME.resolve("domains/host-3/config/pid"));
        Map<String, Long> behind = new LinkedHashMap<>();
        for (String store : List.of("base", "shard-0")) {
            behind.put(store, appliedBy("host-3", store));
        }
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> written = writtenWhilePruned;
        for (int i = 0; i < 20; i++) {
            String content = "written while host-3 was down " + i;
            written.put(secrets.create("pruned-" + i + "-" + suffix, content).getId(), content);
        }
        // Once host-3 is no longer live (no report within 20 s), its position no longer holds the log back: a prune
        // with no retention removes what host-1 and host-2 have applied, past host-3's bookmark.
        for (String store : behind.keySet()) {
            Reply pruned = Http.await(
                    Duration.ofSeconds(120),
                    reply -> reply.status() == 200
                            && reply.json().getJsonNumber("appliedByEveryLiveHost") != null
                            && reply.json()
                                            .getJsonNumber("appliedByEveryLiveHost")
                                            .longValue()
                                    > behind.get(store) + 1,
                    () -> operator.post(
                            HOSTS.get(0) + "/admin/v1/replication/stores/" + store + "/prune",
                            "{\"olderThanSeconds\":0}"));
            assertThat(pruned.status()).as(pruned.body()).isEqualTo(200);
            assertThat(pruned.json().getJsonNumber("appliedByEveryLiveHost").longValue())
                    .as("%s: %s", store, pruned.body())
                    .isGreaterThan(behind.get(store) + 1);
            assertThat(
                            pruned.json().containsKey("firstSequence")
                                    ? pruned.json()
                                            .getJsonNumber("firstSequence")
                                            .longValue()
                                    : Long.MAX_VALUE)
                    .as("the log of %s no longer holds what host-3 misses: %s", store, pruned.body())
                    .isGreaterThan(behind.get(store) + 1);
        }

        Outcome restarted = coffer(Duration.ofMinutes(10), "start");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        assertThat(Http.get(HOSTS.get(2) + "/health").body()).contains("\"replicas\",\"status\":\"UP\"");
        for (String store : behind.keySet()) {
            assertThat(metric(
                            HOSTS.get(2),
                            "coffer_replication_replica_rebuilds_total\\{mp_scope=\"application\",store=\"" + store
                                    + "\"\\}"))
                    .as("host-3 rebuilt its replica of %s", store)
                    .isPositive();
            assertReplicaEqualsRemote(HOSTS.get(2), store);
        }
        // Served from host-3's own store, with no fallback to the remote one.
        switchReadsEverywhere("LOCAL");
        try {
            SecretsClient rebuiltHost = secrets.tenant.secretsAt(HOSTS.get(2));
            for (Map.Entry<String, String> secret : written.entrySet()) {
                secrets.active(secret.getKey());
                assertThat(bundle(rebuiltHost, secret.getKey())).isEqualTo(secret.getValue());
            }
        } finally {
            switchReadsEverywhere("HYBRID");
        }
    }

    @Test
    @Order(8)
    void noPlaintextTravelsThroughTheBroker() throws Exception {
        String marker =
                "JMSMARK" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Secret marked = secrets.create("marked-" + UUID.randomUUID().toString().substring(0, 6), "value " + marker);
        assertThat(bundle(secrets.tenant.secretsAt(HOSTS.get(1)), marked.getId()))
                .contains(marker);
        int scanned = 0;
        try (Stream<Path> files = Files.walk(HOME.resolve("broker"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                        .as("marker in %s", file)
                        .doesNotContain(marker);
                scanned++;
            }
        }
        assertThat(scanned).isPositive();
    }

    @Test
    @Order(9)
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

    @Test
    @Order(10)
    void afterAHostTheBrokerAndDerbyAreKilledAndAHostIsLeftHalfStartedStartAloneHealsTheTopology() throws Exception {
        Secret before = secrets.create(
                "before-crash-" + UUID.randomUUID().toString().substring(0, 6), "written before the crash");
        Reply probe =
                operator.post(HOSTS.get(0) + "/admin/v1/stores/shard-0/probes", "{\"note\":\"before the crash\"}");
        assertThat(probe.status()).as(probe.body()).isEqualTo(201);
        String probeId = probe.json().getString("id");
        for (String host : HOSTS) {
            assertThat(awaitLocal(host, "shard-0", probeId).status())
                    .as("probe on %s", host)
                    .isEqualTo(200);
        }

        kill(HOME.resolve("domains/host-2/config/pid"));
        kill(HOME.resolve("run/broker.pid"));
        kill(HOME.resolve("run/derby.pid"));
        // host-3 as Payara leaves a start that failed inside the server: its JVM alive on the host's ports, exiting
        // forever, its PID file moved to pid.prev
        Path host3 = HOME.resolve("domains/host-3");
        kill(host3.resolve("config/pid"));
        Files.move(host3.resolve("config/pid"), host3.resolve("config/pid.prev"), StandardCopyOption.REPLACE_EXISTING);
        Process halfStarted =
                HalfStartedServer.launch(host3, PORT_BASE + 200 + 49, PORT_BASE + 200 + 48, PORT_BASE + 200 + 80);

        Outcome status = coffer(Duration.ofMinutes(2), "status");
        assertThat(status.out())
                .contains("derby", "broker")
                .containsPattern("derby\\s+\\S+\\s+stopped")
                .containsPattern("host-3\\s+\\S+\\s+running without a PID file \\(pid " + halfStarted.pid() + "\\)");

        Outcome restarted = coffer(Duration.ofMinutes(15), "start");
        assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        assertThat(restarted.out())
                .contains(
                        "host-3: a JVM of its domain (pid " + halfStarted.pid() + ") runs without its PID file",
                        "Coffer is up");
        assertThat(halfStarted.isAlive()).as("the half-started server").isFalse();
        for (String host : HOSTS) {
            Reply health = Http.get(host + "/health");
            assertThat(health.status()).as("%s: %s", host, health.body()).isEqualTo(200);
            assertThat(bundle(secrets.tenant.secretsAt(host), before.getId()))
                    .as("read on %s", host)
                    .isEqualTo("written before the crash");
            assertThat(awaitLocal(host, "shard-0", probeId).json().getString("note"))
                    .isEqualTo("before the crash");
        }
        Secret after = secrets.create(
                "after-crash-" + UUID.randomUUID().toString().substring(0, 6), "written after the crash");
        for (String host : HOSTS) {
            assertThat(bundle(secrets.tenant.secretsAt(host), after.getId()))
                    .as("read on %s", host)
                    .isEqualTo("written after the crash");
        }
    }

    @Test
    @Order(11)
    void aFourthHostAddedToTheRunningTopologyBuildsItsReplicaBeforeItServes() {
        String host4 = "http://127.0.0.1:25380";
        Outcome grown = coffer(Duration.ofMinutes(10), "start", "--hosts", "4");
        assertThat(grown.exitCode()).as(grown.all()).isZero();
        assertThat(grown.out()).contains("API " + host4);
        // start waits for readiness, which includes a complete replica of every store: the log no longer starts at 1
        // (it was pruned), so host-4 rebuilt from the remote stores
        assertThat(Http.get(host4 + "/health").body()).contains("\"replicas\",\"status\":\"UP\"");
        for (String store : List.of("base", "shard-0")) {
            assertReplicaEqualsRemote(host4, store);
        }
        List<String> allHosts = new ArrayList<>(HOSTS);
        allHosts.add(host4);
        ReadAccessors.switchEverywhere(operator, allHosts, "LOCAL");
        try {
            SecretsClient newHost = secrets.tenant.secretsAt(host4);
            assertThat(writtenWhilePruned).isNotEmpty();
            for (Map.Entry<String, String> secret : writtenWhilePruned.entrySet()) {
                assertThat(bundle(newHost, secret.getKey())).isEqualTo(secret.getValue());
            }
        } finally {
            ReadAccessors.switchEverywhere(operator, allHosts, "HYBRID");
        }
    }

    @Test
    @Order(12)
    void statusAndStopFindTheServersWithoutTheirPidFiles() throws Exception {
        long derby =
                Long.parseLong(Files.readString(HOME.resolve("run/derby.pid")).trim());
        long broker =
                Long.parseLong(Files.readString(HOME.resolve("run/broker.pid")).trim());
        Files.delete(HOME.resolve("run/derby.pid"));
        Files.delete(HOME.resolve("run/broker.pid"));

        Outcome status = coffer(Duration.ofMinutes(2), "status");

        assertThat(status.exitCode()).as(status.all()).isZero();
        assertThat(status.out())
                .containsPattern("derby\\s+\\S+\\s+running \\(pid " + derby + "\\)")
                .containsPattern("broker\\s+\\S+\\s+running \\(pid " + broker + "\\)");
        // the stop after all the tests must find them all the same
    }

    private void switchReadsEverywhere(String accessor) {
        ReadAccessors.switchEverywhere(operator, HOSTS, accessor);
    }

    private static String refusal(ThrowingCallable connect) {
        SQLException refused = catchThrowableOfType(SQLException.class, connect);
        assertThat((Throwable) refused).as("a refused connection").isNotNull();
        return refused.getSQLState();
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

    /**
     * Waits until the writer's ledger holds {@code more} acknowledged writes beyond what it holds now, or the writer has
     * stopped at its cap (at most two minutes).
     */
    private static void awaitMoreWrites(Map<String, String> written, Thread writer, int more) {
        int target = written.size() + more;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (written.size() < target && writer.isAlive()) {
            assertThat(System.nanoTime() - deadline)
                    .as("acknowledged writes: %d of %d", written.size(), target)
                    .isNegative();
            Http.sleep(100);
        }
    }

    /** Waits (at most two minutes) until the host's replica of the store has the remote store's content. */
    private void assertReplicaEqualsRemote(String host, String store) {
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

    /** Where a host stands in a store's log, as it last reported to the base store. */
    private long appliedBy(String host, String store) {
        // Right after a kill -9 the read may answer 503 for a while: a host killed between a transaction's end and its
        // commit leaves what it locked until the store's XA timeout (30 s).
        Reply hosts = Http.await(
                Duration.ofSeconds(60),
                reply -> reply.status() == 200,
                () -> operator.get(HOSTS.get(0) + "/admin/v1/replication/hosts"));
        assertThat(hosts.status()).as(hosts.body()).isEqualTo(200);
        for (jakarta.json.JsonValue position : jakarta.json.Json.createReader(new java.io.StringReader(hosts.body()))
                .readArray()) {
            jakarta.json.JsonObject row = position.asJsonObject();
            if (row.getString("host").equals(host) && row.getString("store").equals(store)) {
                return row.getJsonNumber("applied").longValue();
            }
        }
        throw new AssertionError(host + " has not reported a position in " + store);
    }

    private static ServerLogs serverLogs(int host) {
        return new ServerLogs(HOME.resolve("domains/host-" + host));
    }
}
