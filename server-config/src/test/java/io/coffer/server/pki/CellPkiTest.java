package io.coffer.server.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One PKI made per class (keytool takes a few seconds); tests that change it make their own. */
class CellPkiTest {

    private static final String CELL = "cell-0";

    @TempDir
    static Path home;

    static CellPki pki;

    @BeforeAll
    static void firstStart() throws Exception {
        pki = CellPki.ensure(home, List.of(CELL));
    }

    @Test
    void aFirstStartMakesTheCaTheTrustStoreAndACellKeyStoreReadableByTheOwnerOnly() throws Exception {
        Path directory = home.resolve("pki");
        assertThat(directory.resolve("ca.p12")).isRegularFile();
        assertThat(directory.resolve("ca.pem")).isRegularFile();
        assertThat(directory.resolve("truststore.p12")).isRegularFile();
        assertThat(directory.resolve("cell-0.p12")).isRegularFile();
        assertThat(directory.resolve("passwords.properties")).isRegularFile();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.toList())
                    .hasSize(5)
                    .allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString())
                            .isEqualTo("rw-------"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwx------");
        StorePasswords passwords = pki.passwords();
        assertThat(List.of(passwords.ca(), passwords.cells(), passwords.trust()))
                .allSatisfy(password -> assertThat(password).hasSize(32).matches("[A-Za-z0-9]+"))
                .doesNotHaveDuplicates();
        assertThat(passwords.toString()).doesNotContain(passwords.ca(), passwords.cells(), passwords.trust());
    }

    @Test
    void theCellCertificateChainsToTheCaAndServesAsTlsServerAndClientOnLoopback() throws Exception {
        KeyStore cell = load(pki.cellKeyStore(CELL), pki.passwords().cells());
        X509Certificate ca = caCertificate();

        assertThat(cell.isKeyEntry(CELL)).isTrue();
        Certificate[] chain = cell.getCertificateChain(CELL);
        assertThat(chain).hasSize(2);
        X509Certificate certificate = (X509Certificate) chain[0];
        certificate.verify(ca.getPublicKey());
        certificate.checkValidity();
        assertThat(chain[1]).isEqualTo(ca);
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=cell-0");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(certificate.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
        assertThat(certificate.getExtendedKeyUsage())
                .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void theTrustStoreHoldsTheCaCertificateAndNothingElse() throws Exception {
        KeyStore trust = load(pki.trustStore(), pki.passwords().trust());

        assertThat(trust.size()).isEqualTo(1);
        assertThat(trust.isCertificateEntry(CellPki.CA_ALIAS)).isTrue();
        X509Certificate ca = (X509Certificate) trust.getCertificate(CellPki.CA_ALIAS);
        assertThat(ca).isEqualTo(caCertificate());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        KeyStore caStore = load(pki.caKeyStore(), pki.passwords().ca());
        assertThat(caStore.getCertificate(CellPki.CA_ALIAS)).isEqualTo(ca);
    }

    @Test
    void aSecondStartReusesEverything(@TempDir Path other) throws Exception {
        CellPki first = CellPki.ensure(other, List.of(CELL));
        byte[] ca = Files.readAllBytes(first.caKeyStore());
        byte[] cell = Files.readAllBytes(first.cellKeyStore(CELL));
        byte[] trust = Files.readAllBytes(first.trustStore());
        Files.setPosixFilePermissions(first.cellKeyStore(CELL), PosixFilePermissions.fromString("rw-r--r--"));

        CellPki second = CellPki.ensure(other, List.of(CELL));

        assertThat(second.passwords()).isEqualTo(first.passwords());
        assertThat(Files.readAllBytes(second.caKeyStore())).isEqualTo(ca);
        assertThat(Files.readAllBytes(second.cellKeyStore(CELL))).isEqualTo(cell);
        assertThat(Files.readAllBytes(second.trustStore())).isEqualTo(trust);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.cellKeyStore(CELL))))
                .isEqualTo("rw-------");
        assertThat(CellPki.of(other).passwords()).isEqualTo(first.passwords());
    }

    @Test
    void renewingReissuesTheCellCertificateFromTheSameCa(@TempDir Path other) throws Exception {
        CellPki made = CellPki.ensure(other, List.of(CELL));
        X509Certificate before = cellCertificate(made);
        byte[] ca = Files.readAllBytes(made.caKeyStore());

        made.renew(CELL);

        X509Certificate after = cellCertificate(made);
        assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(after.getPublicKey()).isNotEqualTo(before.getPublicKey());
        assertThat(Files.readAllBytes(made.caKeyStore())).isEqualTo(ca);
        X509Certificate caCertificate = (X509Certificate)
                load(made.trustStore(), made.passwords().trust()).getCertificate(CellPki.CA_ALIAS);
        after.verify(caCertificate.getPublicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made.cellKeyStore(CELL))))
                .isEqualTo("rw-------");
    }

    private static X509Certificate cellCertificate(CellPki pki) throws Exception {
        return (X509Certificate)
                load(pki.cellKeyStore(CELL), pki.passwords().cells()).getCertificate(CELL);
    }

    private static X509Certificate caCertificate() throws Exception {
        try (InputStream pem = Files.newInputStream(pki.caCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
