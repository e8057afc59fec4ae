package io.coffer.crypto.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HSM path for real: SoftHSM2 (Debian's softhsm2, a PKCS#11 module) with a token made for this test under
 * target/softhsm, found through the SOFTHSM2_CONF environment variable surefire sets.
 */
class Pkcs11RootKeyTest {

    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final char[] PIN = "87654321".toCharArray();

    @BeforeAll
    static void freshToken() throws Exception {
        String conf = System.getenv("SOFTHSM2_CONF");
        assertThat(conf).as("SOFTHSM2_CONF (set by surefire)").isNotBlank();
        assertThat(LIBRARY)
                .as("the softhsm2 package (apt-get install softhsm2)")
                .exists();
        Path tokens = Path.of(conf).getParent().resolve("tokens");
        if (Files.exists(tokens)) {
            try (var files = Files.walk(tokens)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(
                Path.of(conf),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
                StandardCharsets.UTF_8);
        run(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                "coffer-test",
                "--so-pin",
                "12345678",
                "--pin",
                new String(PIN));
    }

    @Test
    void theRootKeyIsMadeInTheTokenAndNeverLeavesIt() {
        Pkcs11RootKey root = Pkcs11RootKey.open(LIBRARY, 0, PIN, "coffer-root-test");
        assertThat(root.extractable()).isFalse();
        assertThat(root.id()).isEqualTo("pkcs11:0/coffer-root-test");
        byte[] aad = AssociatedData.keyMaterial("key", "v1");
        byte[] material = new byte[32];
        material[0] = 7;
        byte[] wrapped = root.wrap(material, aad);
        assertThat(wrapped).isNotEqualTo(material);
        assertThat(root.unwrap(wrapped, aad)).isEqualTo(material);
        assertThatThrownBy(() -> root.unwrap(wrapped, AssociatedData.keyMaterial("key", "v2")))
                .isInstanceOf(CryptoFailure.class);

        Pkcs11RootKey reopened = Pkcs11RootKey.open(LIBRARY, 0, PIN, "coffer-root-test");
        assertThat(reopened.unwrap(wrapped, aad)).isEqualTo(material);
    }

    @Test
    void aWrongPinIsAClearFailure() {
        assertThatThrownBy(() -> Pkcs11RootKey.open(LIBRARY, 0, "00000000".toCharArray(), "coffer-root-test"))
                .isInstanceOf(CryptoFailure.class)
                .hasMessageContaining("cannot open the root key");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
