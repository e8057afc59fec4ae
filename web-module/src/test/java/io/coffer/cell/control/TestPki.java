package io.coffer.cell.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A PKI laid out as server-config's {@code CellPki} makes it ({@code truststore.p12}, {@code cell-0.p12},
 * {@code passwords.properties}), made with the JDK's keytool once per test run: one of "Coffer's" CA, and a foreign
 * one with its own CA. Tests that change files work on a {@link #copy}.
 */
final class TestPki {

    static final String CELL = "cell-0";
    static final String CELLS_PASSWORD = "cells-password-7f3a";
    static final String TRUST_PASSWORD = "trust-password-91c2";
    private static final String CA_PASSWORD = "ca-password-5d0e";
    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

    private static final Path ROOT = temporaryRoot();

    private TestPki() {}

    /** Made on first use; the two can be made at the same time. */
    static Path coffer() {
        return Coffer.PKI;
    }

    static Path foreign() {
        return Foreign.PKI;
    }

    private static final class Coffer {
        static final Path PKI = make("coffer");
    }

    private static final class Foreign {
        static final Path PKI = make("foreign");
    }

    /** A copy of a PKI directory to spoil. */
    static Path copy(Path pki, Path into) throws IOException {
        try (Stream<Path> files = Files.list(pki)) {
            for (Path file : files.toList()) {
                Files.copy(file, into.resolve(file.getFileName()));
            }
        }
        return into;
    }

    /** A TLS context from a PKI's stores, built without {@link CellTls}; no key store: presents no certificate. */
    static SSLContext tls(Path keyStoreOrNull, Path trustingPki) {
        try {
            KeyManager[] keys = null;
            if (keyStoreOrNull != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(keyStoreOrNull, CELLS_PASSWORD), CELLS_PASSWORD.toCharArray());
                keys = factory.getKeyManagers();
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustingPki.resolve(CellTls.TRUST_STORE), TRUST_PASSWORD));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException unusable) {
            throw new AssertionError("cannot make a TLS context: " + unusable, unusable);
        }
    }

    static Path cellStore(Path pki) {
        return pki.resolve(CELL + ".p12");
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static Path make(String name) {
        try {
            Path pki = Files.createDirectories(ROOT.resolve(name));
            Path ca = pki.resolve("ca.p12");
            Path caPem = pki.resolve("ca.pem");
            Path cell = cellStore(pki);
            Path request = pki.resolve(CELL + ".csr");
            Path cellPem = pki.resolve(CELL + ".pem");
            Path chain = pki.resolve(CELL + "-chain.pem");
            keytool(
                    "-genkeypair",
                    "-alias",
                    CellTls.CA_ALIAS,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + name + " CA, O=Coffer tests",
                    "-validity",
                    "30",
                    "-ext",
                    "bc:c=ca:true,pathlen:0",
                    "-ext",
                    "ku:c=keyCertSign,cRLSign",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    ca.toString(),
                    "-storepass:env",
                    "CA_PASSWORD");
            // the CA certificate for the trust store and the chain, read in process: two keytool runs less
            Certificate caCertificate = load(ca, CA_PASSWORD).getCertificate(CellTls.CA_ALIAS);
            Files.writeString(caPem, pem(caCertificate));
            writeTrustStore(caCertificate, pki.resolve(CellTls.TRUST_STORE));
            keytool(
                    "-genkeypair",
                    "-alias",
                    CELL,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + CELL + ", OU=cells, O=Coffer tests",
                    "-validity",
                    "30",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    cell.toString(),
                    "-storepass:env",
                    "CELLS_PASSWORD");
            keytool(
                    "-certreq",
                    "-alias",
                    CELL,
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    cell.toString(),
                    "-storepass:env",
                    "CELLS_PASSWORD",
                    "-file",
                    request.toString());
            keytool(
                    "-gencert",
                    "-rfc",
                    "-alias",
                    CellTls.CA_ALIAS,
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    ca.toString(),
                    "-storepass:env",
                    "CA_PASSWORD",
                    "-infile",
                    request.toString(),
                    "-outfile",
                    cellPem.toString(),
                    "-validity",
                    "30",
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-ext",
                    "eku=serverAuth,clientAuth",
                    "-ext",
                    "ku:c=digitalSignature");
            Files.writeString(chain, Files.readString(cellPem) + Files.readString(caPem));
            keytool(
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    CELL,
                    "-file",
                    chain.toString(),
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    cell.toString(),
                    "-storepass:env",
                    "CELLS_PASSWORD");
            Files.writeString(
                    pki.resolve(CellTls.PASSWORDS),
                    "ca.password=" + CA_PASSWORD + "\n"
                            + CellTls.CELLS_PASSWORD + "=" + CELLS_PASSWORD + "\n"
                            + CellTls.TRUST_PASSWORD + "=" + TRUST_PASSWORD + "\n",
                    StandardCharsets.UTF_8);
            for (Path scratch : List.of(request, cellPem, chain)) {
                Files.delete(scratch);
            }
            return pki;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static String pem(Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** What {@code keytool -importcert} makes: the CA certificate as a trusted entry, alone. */
    private static void writeTrustStore(Certificate caCertificate, Path file)
            throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(CellTls.CA_ALIAS, caCertificate);
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, TRUST_PASSWORD.toCharArray());
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(KEYTOOL.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // passwords through the environment, never on a command line, as CellPki does
        builder.environment()
                .putAll(Map.of(
                        "CA_PASSWORD",
                        CA_PASSWORD,
                        "CELLS_PASSWORD",
                        CELLS_PASSWORD,
                        "TRUST_PASSWORD",
                        TRUST_PASSWORD));
        Process keytool = builder.start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", interrupted);
        }
    }

    private static Path temporaryRoot() {
        try {
            Path root = Files.createTempDirectory("coffer-cell-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
            return root;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
