package io.coffer.it.encryption;

import static io.coffer.it.support.Secrets.base64;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.InternalServices;
import io.coffer.it.support.Operator;
import io.coffer.it.support.ReadAccessors;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.server.topology.TopologyState;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Encryption at rest, checked from the outside: a secret's content and metadata never appear in plaintext in the
 * Derby files (remote and local stores), the broker's message store, the logs or the metrics; and a ciphertext moved
 * onto another row does not open.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EncryptionAtRestIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static Secrets mine;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    private static Operator operator;

    @BeforeAll
    static void tenant() {
        operator = Operator.of(HOME).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "at-rest"));
    }

    /**
     * Each scan has a positive control: a marker written deliberately where it is not secret (the secret's description,
     * a forged replication message that the host logs and drops) must be found by the very same scan, or the scan
     * proves nothing (a file never flushed, a format the scan cannot read, a wrong directory). The scan is repeated
     * until every control is found, which is also the wait for the stores and the broker to write their files.
     */
    @Test
    void noPlaintextInStoresMessagesLogsOrMetrics() throws Exception {
        String contentMarker = "CONTENTMARK" + hex();
        String metadataMarker = "METAMARK" + hex();
        String descriptionMarker = "DESCMARK" + hex();
        String logMarker = "LOGMARK" + hex().toUpperCase();
        String content = "password=" + contentMarker + ";";
        Secret secret = mine.active(mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(mine.details(
                                        "marked-" + UUID.randomUUID().toString().substring(0, 6), content)
                                .metadata(Map.of("hint", metadataMarker))
                                .description("not secret: " + descriptionMarker)
                                .build())
                        .build())
                .getSecret()
                .getId());
        String read = ((Base64SecretBundleContentDetails) mine.tenant
                        .secrets
                        .getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(secret.getId())
                                .build())
                        .getSecretBundle()
                        .getSecretBundleContent())
                .getContent();
        assertThat(Secrets.text(read)).isEqualTo(content);
        assertThat(mine.get(secret.getId()).getMetadata()).containsEntry("hint", metadataMarker);
        forgeUnreadableReplicationMessage(logMarker);

        List<byte[]> secretNeedles = List.of(
                contentMarker.getBytes(StandardCharsets.UTF_8),
                metadataMarker.getBytes(StandardCharsets.UTF_8),
                base64(content).getBytes(StandardCharsets.US_ASCII),
                contentMarker.getBytes(StandardCharsets.UTF_16BE));
        byte[] description = descriptionMarker.getBytes(StandardCharsets.UTF_8);
        byte[] logged = logMarker.getBytes(StandardCharsets.UTF_8);
        // where each control must turn up: the description in both stores and in the replication message, the
        // forged message's store name in the broker's store and in the host's log
        Map<String, Scan> scans = new LinkedHashMap<>();
        scans.put("remote stores", new Scan(HOME.resolve("derby"), List.of(description)));
        scans.put("local store", new Scan(HOME.resolve("domains/host-1/coffer-local"), List.of(description)));
        scans.put("broker store", new Scan(HOME.resolve("broker"), List.of(description, logged)));
        scans.put("service logs", new Scan(HOME.resolve("logs"), List.of()));
        scans.put("host logs", new Scan(HOME.resolve("domains/host-1/logs"), List.of(logged)));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, List<String>> missing;
        do {
            missing = new LinkedHashMap<>();
            for (Map.Entry<String, Scan> scan : scans.entrySet()) {
                List<String> notFound = scan.getValue().controlsNotFound(secretNeedles);
                if (!notFound.isEmpty()) {
                    missing.put(scan.getKey(), notFound);
                }
            }
            if (missing.isEmpty()) {
                break;
            }
            Http.sleep(500);
        } while (Instant.now().isBefore(deadline));
        assertThat(missing)
                .as("positive controls that the scans did not find within 60 s (the scans would prove nothing)")
                .isEmpty();
        assertThat(scans.get("broker store").scanned)
                .anyMatch(file -> file.toString().contains("kahadb"));
        assertThat(scans.get("remote stores").scanned)
                .anyMatch(file -> file.toString().contains("coffer-shard-0"));

        String metrics = Http.get(URL + "/metrics").body();
        assertThat(metrics)
                .as("the metrics count the forged message: the scanned text is this host's live metrics")
                .containsPattern("coffer_replication_apply_failures_total\\{[^}]*store=\"unreadable\"");
        assertThat(metrics).doesNotContain(contentMarker, metadataMarker);
    }

    /** One directory scanned for secrets (none may appear) and for its positive controls (each must). */
    private static final class Scan {

        private final Path root;
        private final List<byte[]> controls;
        private List<Path> scanned = List.of();

        Scan(Path root, List<byte[]> controls) {
            this.root = root;
            this.controls = controls;
        }

        /** Fails at once on a secret found; returns the controls not found (yet). */
        List<String> controlsNotFound(List<byte[]> secrets) throws IOException {
            List<byte[]> notFound = new ArrayList<>(controls);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).toList();
            } catch (IOException | UncheckedIOException vanished) {
                // a store or the broker removed a file while the scan listed the directory: scan again
                return List.of("(the listing of " + root + ": " + vanished.getMessage() + ")");
            }
            for (Path file : files) {
                byte[] bytes = readQuietly(file);
                for (byte[] secret : secrets) {
                    assertThat(indexOf(bytes, secret))
                            .as("plaintext marker in %s", file)
                            .isEqualTo(-1);
                }
                notFound.removeIf(control -> indexOf(bytes, control) >= 0);
            }
            assertThat(files).as("files under %s", root).isNotEmpty();
            scanned = files;
            return notFound.stream()
                    .map(control -> new String(control, StandardCharsets.UTF_8))
                    .toList();
        }
    }

    /**
     * A message on the replication topic that no host can read: its store name is not a store name. The host drops it
     * and logs why, naming the store, so the marker reaches the broker's store and the host's log.
     */
    private static void forgeUnreadableReplicationMessage(String marker) throws Exception {
        int brokerPort = TopologyState.plan(HOME, null, null, null, null, null).brokerPort();
        try (jakarta.jms.Connection connection =
                InternalServices.broker(HOME, brokerPort).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic("coffer.replication"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage("{}");
            message.setStringProperty("store", marker);
            producer.send(message);
        }
    }

    private static String hex() {
        return HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 8);
    }

    @Test
    void aCiphertextCopiedOntoAnotherRowDoesNotOpen() throws Exception {
        Secret victim = mine.create("victim-" + UUID.randomUUID().toString().substring(0, 6), "the victim's content");
        Secret donor = mine.create("donor-" + UUID.randomUUID().toString().substring(0, 6), "the donor's content");
        // The tampering bypasses Coffer (and so replication): the victim's own ciphertext goes back afterwards, so that
        // the remote store and the replicas of this shared domain hold the same content again for the tests after this.
        // Read from the remote store, where the tampering is (a replica keeps the untouched row).
        String readsBefore =
                operator.get(URL + "/admin/v1/shards/shard-0").json().getString("reads");
        ReadAccessors.switchEverywhere(operator, List.of(URL), "REMOTE");
        try (Connection shard =
                InternalServices.store(HOME, System.getProperty("coffer.it.derby") + "coffer-shard-0")) {
            byte[] original = ciphertext(shard, victim.getId() + "/1");
            try {
                try (PreparedStatement copy = shard.prepareStatement("UPDATE SECRET_VERSION SET ENCRYPTED_CONTENT ="
                        + " (SELECT ENCRYPTED_CONTENT FROM SECRET_VERSION WHERE ID = ?) WHERE ID = ?")) {
                    copy.setString(1, donor.getId() + "/1");
                    copy.setString(2, victim.getId() + "/1");
                    assertThat(copy.executeUpdate()).isEqualTo(1);
                }
                BmcException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                        BmcException.class,
                        () -> mine.tenant.secrets.getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(victim.getId())
                                .build()));
                assertThat(refused).isNotNull();
                assertThat(refused.getStatusCode()).isEqualTo(500);
                assertThat(refused.getServiceCode()).isEqualTo("InternalServerError");
                assertThat(refused.getMessage()).contains("integrity check").doesNotContain("donor's content");
            } finally {
                try (PreparedStatement restore =
                        shard.prepareStatement("UPDATE SECRET_VERSION SET ENCRYPTED_CONTENT = ? WHERE ID = ?")) {
                    restore.setBytes(1, original);
                    restore.setString(2, victim.getId() + "/1");
                    restore.executeUpdate();
                }
            }
        } finally {
            ReadAccessors.switchEverywhere(operator, List.of(URL), readsBefore);
        }
        assertThat(bundleText(donor)).isEqualTo("the donor's content");
        assertThat(bundleText(victim)).isEqualTo("the victim's content");
    }

    private static byte[] ciphertext(Connection shard, String versionId) throws Exception {
        try (PreparedStatement select =
                shard.prepareStatement("SELECT ENCRYPTED_CONTENT FROM SECRET_VERSION WHERE ID = ?")) {
            select.setString(1, versionId);
            try (java.sql.ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("version row %s", versionId).isTrue();
                return row.getBytes(1);
            }
        }
    }

    private static String bundleText(Secret secret) {
        return Secrets.text(((Base64SecretBundleContentDetails) mine.tenant
                        .secrets
                        .getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(secret.getId())
                                .build())
                        .getSecretBundle()
                        .getSecretBundleContent())
                .getContent());
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException vanished) {
            return new byte[0];
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
