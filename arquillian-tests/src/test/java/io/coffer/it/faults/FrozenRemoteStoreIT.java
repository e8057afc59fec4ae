package io.coffer.it.faults;

import static io.coffer.it.support.OciErrors.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.vault.VaultsClient;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.ReadAccessors;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.TopologyProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A remote store that hangs: the Derby network server frozen with SIGSTOP accepts connections and answers nothing
 * (what a hung database or a full disk looks like). A write that needs it answers 503 ServiceUnavailable instead of
 * hanging, a data-plane read served by the local replica (HYBRID) still answers, /health names the store as down, and
 * once the server runs again a new write succeeds and every write acknowledged before the freeze is there, unchanged.
 *
 * <p>Every call here gives up after {@link #PATIENCE} (the write with the store frozen after {@link #HANG}): a request
 * that hangs fails the test, and nothing else is timed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FrozenRemoteStoreIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /**
     * How long the write with the store frozen may take before it counts as hung. It is refused after a few store
     * deadlines (12-13 s on a quiet machine: each idle pooled connection's validation waits out one); past this it
     * waits on something without a deadline (the host's threads are then dumped to
     * {@code target/FrozenRemoteStoreIT-threads.txt}).
     */
    private static final Duration HANG = Duration.ofSeconds(30);

    private static Operator operator;
    private static Secrets mine;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() {
        operator = Operator.of(HOME).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "frozen"));
    }

    @AfterAll
    static void readsBackToTheDefault() {
        ReadAccessors.switchEverywhere(operator, List.of(URL), "REMOTE");
    }

    @Test
    void aFrozenStoreCostsAWrite503NotAHangAndLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> acknowledged = new LinkedHashMap<>();
        // The writes before the freeze take the path the refused one takes (reads HYBRID), so what opens on first use
        // is open: this is a store that hangs under a running host, not one that hangs while the host warms up.
        ReadAccessors.switchEverywhere(operator, List.of(URL), "HYBRID");
        for (int i = 0; i < 3; i++) {
            String content = "before the freeze " + i + " " + run;
            acknowledged.put(mine.create("frozen-" + run + "-" + i, content).getId(), content);
        }
        Reply ready =
                Http.await(Duration.ofSeconds(60), reply -> reply.status() == 200, () -> Http.get(URL + "/health"));
        assertThat(ready.status())
                .as("ready before the freeze: %s", ready.body())
                .isEqualTo(200);
        String someSecret = acknowledged.keySet().iterator().next();
        VaultsClient vaults = mine.tenant.vaultsImpatient(PATIENCE);
        SecretsClient bundles = mine.tenant.secretsImpatient(PATIENCE);
        assertThat(content(bundles, someSecret)).isEqualTo(acknowledged.get(someSecret));

        ProcessHandle derby = derbyServer();
        suspend(derby);
        try {
            BmcException refusedWrite;
            long writeStarted = System.nanoTime();
            try {
                refusedWrite = refused(
                        () -> mine.tenant
                                .vaultsImpatient(HANG)
                                .createSecret(CreateSecretRequest.builder()
                                        .createSecretDetails(
                                                mine.details("frozen-" + run + "-during", "during the freeze")
                                                        .build())
                                        .build()),
                        503,
                        "ServiceUnavailable");
            } catch (AssertionError notRefused) {
                dumpHostThreads();
                throw notRefused;
            }
            System.out.printf(
                    "the write with the store frozen was refused after %d ms%n",
                    (System.nanoTime() - writeStarted) / 1_000_000);
            assertThat(refusedWrite.getMessage()).contains("unavailable");

            assertThat(content(bundles, someSecret))
                    .as("a data-plane read served by the local replica while the remote store is frozen")
                    .isEqualTo(acknowledged.get(someSecret));

            Reply health = Http.send(HttpRequest.newBuilder(URI.create(URL + "/health")), PATIENCE);
            assertThat(health.status()).as(health.body()).isEqualTo(503);
            assertThat(health.body()).contains("\"remote-stores\"").containsPattern("\"base\"\\s*:\\s*\"DOWN");
        } finally {
            resume(derby);
        }

        Secret after = awaitWrite(vaults, "frozen-" + run + "-after", "after the freeze " + run);
        acknowledged.put(mine.active(after.getId()).getId(), "after the freeze " + run);
        ReadAccessors.switchEverywhere(operator, List.of(URL), "REMOTE");
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            assertThat(mine.get(write.getKey()).getLifecycleState()).isEqualTo(Secret.LifecycleState.Active);
            assertThat(content(bundles, write.getKey()))
                    .as("secret %s read from the remote store after the freeze", write.getKey())
                    .isEqualTo(write.getValue());
        }
        Reply health =
                Http.await(Duration.ofSeconds(60), reply -> reply.status() == 200, () -> Http.get(URL + "/health"));
        assertThat(health.status()).as(health.body()).isEqualTo(200);
    }

    private static String content(SecretsClient bundles, String secretId) {
        return Secrets.bundleText(bundles, secretId);
    }

    /**
     * The first write that succeeds once the server runs again. Until then a write may still be refused (503, or 409
     * while Derby rolls back what the freeze orphaned); a write that hangs or fails otherwise fails the test.
     */
    private static Secret awaitWrite(VaultsClient vaults, String name, String content) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        BmcException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return vaults.createSecret(CreateSecretRequest.builder()
                                .createSecretDetails(mine.details(name, content).build())
                                .build())
                        .getSecret();
            } catch (BmcException notYet) {
                assertThat(notYet.getStatusCode()).as(notYet.getMessage()).isIn(503, 409);
                last = notYet;
            }
            Http.sleep(500);
        }
        throw new AssertionError("no write succeeded within 90 s after the Derby server resumed; last: " + last);
    }

    /**
     * Where the host's threads wait while the store is still frozen, for a write that was not refused in time: written
     * to {@code target/FrozenRemoteStoreIT-threads.txt}, with the request threads' stacks on the console.
     */
    private static void dumpHostThreads() {
        try {
            String pid =
                    Files.readString(HOME.resolve("domains/host-1/config/pid")).trim();
            Process jcmd = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            pid,
                            "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Files.writeString(Path.of("target", "FrozenRemoteStoreIT-threads.txt"), dump);
            for (String thread : dump.split("\n\n")) {
                if (thread.contains("http-thread-pool")) {
                    System.out.println(thread);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException unavailable) {
            System.out.println("no thread dump of the host: " + unavailable);
        }
    }

    private static ProcessHandle derbyServer() {
        return TopologyProcesses.derbyServer(HOME);
    }

    private static void suspend(ProcessHandle process) throws IOException, InterruptedException {
        signal("-STOP", process);
    }

    private static void resume(ProcessHandle process) throws IOException, InterruptedException {
        signal("-CONT", process);
    }

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill " + signal + " " + process.pid()).isZero();
    }
}
