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
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HexFormat;
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

    @BeforeAll
    static void tenant() {
        mine = Secrets.in(Tenant.create(Operator.of(HOME).ready(URL), URL, "at-rest"));
    }

    @Test
    void noPlaintextInStoresMessagesLogsOrMetrics() throws Exception {
        String contentMarker = "CONTENTMARK"
                + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 8);
        String metadataMarker = "METAMARK"
                + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 8);
        String content = "password=" + contentMarker + ";";
        Secret secret = mine.active(mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(mine.details(
                                        "marked-" + UUID.randomUUID().toString().substring(0, 6), content)
                                .metadata(Map.of("hint", metadataMarker))
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
        Http.sleep(2000);

        List<byte[]> needles = List.of(
                contentMarker.getBytes(StandardCharsets.UTF_8),
                metadataMarker.getBytes(StandardCharsets.UTF_8),
                base64(content).getBytes(StandardCharsets.US_ASCII),
                contentMarker.getBytes(StandardCharsets.UTF_16BE));
        List<Path> scanned = new ArrayList<>();
        for (Path root : List.of(
                HOME.resolve("derby"),
                HOME.resolve("domains/host-1/coffer-local"),
                HOME.resolve("broker"),
                HOME.resolve("logs"),
                HOME.resolve("domains/host-1/logs"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = readQuietly(file);
                    for (byte[] needle : needles) {
                        assertThat(indexOf(bytes, needle))
                                .as("plaintext marker in %s", file)
                                .isEqualTo(-1);
                    }
                    scanned.add(file);
                }
            }
        }
        assertThat(scanned).as("files scanned").hasSizeGreaterThan(20);
        assertThat(scanned).anyMatch(file -> file.toString().contains("kahadb"));
        assertThat(scanned).anyMatch(file -> file.toString().contains("coffer-shard-0"));
        String metrics = Http.get(URL + "/metrics").body();
        assertThat(metrics).contains("coffer_").doesNotContain(contentMarker, metadataMarker);
    }

    @Test
    void aCiphertextCopiedOntoAnotherRowDoesNotOpen() throws Exception {
        Secret victim = mine.create("victim-" + UUID.randomUUID().toString().substring(0, 6), "the victim's content");
        Secret donor = mine.create("donor-" + UUID.randomUUID().toString().substring(0, 6), "the donor's content");
        // The tampering bypasses Coffer (and so replication): the victim's own ciphertext goes back afterwards, so that
        // the remote store and the replicas of this shared domain hold the same content again for the tests after this.
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
