package io.coffer.server.pki;

import io.coffer.server.topology.CliException;
import io.coffer.server.topology.HostNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Coffer's CA and the certificates of its cells, under {@code $COFFER_HOME/pki} (see the package's rules):
 *
 * <ul>
 *   <li>{@code ca.p12}: the CA's key pair and self-signed certificate (alias {@value #CA_ALIAS});
 *   <li>{@code ca.pem}: the CA certificate, for clients and tools;
 *   <li>{@code truststore.p12}: the CA certificate alone, what a cell-internal listener trusts;
 *   <li>{@code <cell>.p12}: the cell's key pair with its certificate chain (alias: the cell's name), for TLS server and
 *       client authentication on 127.0.0.1;
 *   <li>{@code passwords.properties}: the store passwords ({@link StorePasswords}).
 * </ul>
 */
public final class CellPki {

    public static final String DIRECTORY = "pki";
    public static final String CA_ALIAS = "coffer-ca";
    public static final String STORE_TYPE = "PKCS12";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final String CA_DAYS = "3650";
    /** Short enough that renewal stays a habit, long enough that a test install never meets it. */
    private static final String CELL_DAYS = "825";

    private static final String CA_PASSWORD = "COFFER_PKI_CA_PASSWORD";
    private static final String CELL_PASSWORD = "COFFER_PKI_CELL_PASSWORD";
    private static final String TRUST_PASSWORD = "COFFER_PKI_TRUST_PASSWORD";

    private final Path directory;
    private final StorePasswords passwords;
    private final Keytool keytool;

    private CellPki(Path directory, StorePasswords passwords, Keytool keytool) {
        this.directory = directory;
        this.passwords = passwords;
        this.keytool = keytool;
    }

    /**
     * The home's PKI with a certificate for each of these cells: whatever is missing is made (the whole of it on an
     * install's first start), whatever exists is reused.
     */
    public static CellPki ensure(Path home, List<String> cells) throws IOException {
        Path directory = home.resolve(DIRECTORY);
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        Path passwordFile = directory.resolve(StorePasswords.FILE);
        StorePasswords passwords;
        if (Files.isRegularFile(passwordFile)) {
            passwords = StorePasswords.read(passwordFile);
        } else {
            // stores without their passwords cannot be opened: start over
            deleteStores(directory);
            passwords = StorePasswords.generate();
            passwords.write(passwordFile);
        }
        CellPki pki = new CellPki(directory, passwords, new Keytool());
        boolean freshCa = !Files.isRegularFile(pki.caKeyStore());
        if (freshCa) {
            pki.makeCa();
        } else if (!Files.isRegularFile(pki.caCertificate()) || !Files.isRegularFile(pki.trustStore())) {
            pki.exportCa();
        }
        for (String cell : cells) {
            if (freshCa || !Files.isRegularFile(pki.cellKeyStore(cell))) {
                pki.issue(cell);
            }
        }
        pki.tightenModes();
        return pki;
    }

    /** The PKI an earlier start made; for tools and tests. */
    public static CellPki of(Path home) {
        Path directory = home.resolve(DIRECTORY);
        if (!Files.isRegularFile(directory.resolve(StorePasswords.FILE))) {
            throw new CliException("no PKI in " + directory + " yet: ./coffer start makes it");
        }
        try {
            return new CellPki(directory, StorePasswords.read(directory.resolve(StorePasswords.FILE)), new Keytool());
        } catch (IOException unreadable) {
            throw new CliException("cannot read " + directory + ": " + unreadable.getMessage(), unreadable);
        }
    }

    public Path directory() {
        return directory;
    }

    public StorePasswords passwords() {
        return passwords;
    }

    public Path caKeyStore() {
        return directory.resolve("ca.p12");
    }

    public Path caCertificate() {
        return directory.resolve("ca.pem");
    }

    public Path trustStore() {
        return trustStoreOf(directory.getParent());
    }

    public Path cellKeyStore(String cell) {
        return cellKeyStoreOf(directory.getParent(), cell);
    }

    /** Where a home's trust store is, whether made yet or not (a host's domain.xml names it before it exists). */
    public static Path trustStoreOf(Path home) {
        return home.resolve(DIRECTORY).resolve("truststore.p12");
    }

    /** Where a home's key store of that cell is, whether made yet or not. */
    public static Path cellKeyStoreOf(Path home, String cell) {
        return home.resolve(DIRECTORY).resolve(cell + ".p12");
    }

    /** Re-issues the cell's certificate, with a new key pair, from the same CA; the old key store is replaced. */
    public void renew(String cell) throws IOException {
        if (!Files.isRegularFile(caKeyStore())) {
            throw new CliException("no CA in " + directory + " yet: ./coffer start makes it");
        }
        issue(cell);
    }

    private void makeCa() throws IOException {
        Path work = workDirectory();
        try {
            Path store = work.resolve("ca.p12");
            keytool.run(
                    Map.of(CA_PASSWORD, passwords.ca()),
                    "-genkeypair",
                    "-alias",
                    CA_ALIAS,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-sigalg",
                    "SHA256withECDSA",
                    "-dname",
                    "CN=Coffer CA, O=Coffer",
                    "-validity",
                    CA_DAYS,
                    "-ext",
                    "bc:c=ca:true,pathlen:0",
                    "-ext",
                    "ku:c=keyCertSign,cRLSign",
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    store.toString(),
                    "-storepass:env",
                    CA_PASSWORD);
            install(store, caKeyStore());
            exportCa();
        } finally {
            HostNode.deleteRecursively(work);
        }
    }

    /** ca.pem and the trust store, both from the CA's key store. */
    private void exportCa() throws IOException {
        Path work = workDirectory();
        try {
            Path pem = work.resolve("ca.pem");
            keytool.run(
                    Map.of(CA_PASSWORD, passwords.ca()),
                    "-exportcert",
                    "-rfc",
                    "-alias",
                    CA_ALIAS,
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    caKeyStore().toString(),
                    "-storepass:env",
                    CA_PASSWORD,
                    "-file",
                    pem.toString());
            Path trust = work.resolve("truststore.p12");
            keytool.run(
                    Map.of(TRUST_PASSWORD, passwords.trust()),
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    CA_ALIAS,
                    "-file",
                    pem.toString(),
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    trust.toString(),
                    "-storepass:env",
                    TRUST_PASSWORD);
            install(pem, caCertificate());
            install(trust, trustStore());
        } finally {
            HostNode.deleteRecursively(work);
        }
    }

    /**
     * A new key pair for the cell, its certificate signed by the CA (the cell's name, 127.0.0.1 and localhost as subject
     * alternative names; server and client authentication), stored with the CA certificate as its chain.
     */
    private void issue(String cell) throws IOException {
        Path work = workDirectory();
        try {
            Path store = work.resolve(cell + ".p12");
            Map<String, String> cellPassword = Map.of(CELL_PASSWORD, passwords.cells());
            keytool.run(
                    cellPassword,
                    "-genkeypair",
                    "-alias",
                    cell,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-sigalg",
                    "SHA256withECDSA",
                    "-dname",
                    "CN=" + cell + ", OU=cells, O=Coffer",
                    "-validity",
                    CELL_DAYS,
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    store.toString(),
                    "-storepass:env",
                    CELL_PASSWORD);
            Path request = work.resolve(cell + ".csr");
            keytool.run(
                    cellPassword,
                    "-certreq",
                    "-alias",
                    cell,
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    store.toString(),
                    "-storepass:env",
                    CELL_PASSWORD,
                    "-file",
                    request.toString());
            Path certificate = work.resolve(cell + ".pem");
            keytool.run(
                    Map.of(CA_PASSWORD, passwords.ca()),
                    "-gencert",
                    "-rfc",
                    "-alias",
                    CA_ALIAS,
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    caKeyStore().toString(),
                    "-storepass:env",
                    CA_PASSWORD,
                    "-infile",
                    request.toString(),
                    "-outfile",
                    certificate.toString(),
                    "-validity",
                    CELL_DAYS,
                    "-ext",
                    "san=ip:127.0.0.1,dns:localhost",
                    "-ext",
                    "eku=serverAuth,clientAuth",
                    "-ext",
                    "ku:c=digitalSignature");
            // the reply with its chain up to the CA: the key store then holds the whole chain a TLS peer is sent
            Path chain = work.resolve(cell + "-chain.pem");
            Files.writeString(chain, Files.readString(certificate) + Files.readString(caCertificate()));
            keytool.run(
                    cellPassword,
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    cell,
                    "-file",
                    chain.toString(),
                    "-storetype",
                    STORE_TYPE,
                    "-keystore",
                    store.toString(),
                    "-storepass:env",
                    CELL_PASSWORD);
            install(store, cellKeyStore(cell));
        } finally {
            HostNode.deleteRecursively(work);
        }
    }

    /** Made in a scratch folder inside pki and moved into place whole: a failed step leaves the old file as it was. */
    private Path workDirectory() throws IOException {
        return Files.createTempDirectory(directory, ".work", directoryAttribute());
    }

    private static void install(Path made, Path target) throws IOException {
        Files.setPosixFilePermissions(made, OWNER_ONLY);
        Files.move(made, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void tightenModes() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
    }

    private static void deleteStores(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(".p12"))
                    .toList()) {
                Files.delete(file);
            }
        }
    }

    static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }

    private static FileAttribute<Set<PosixFilePermission>> directoryAttribute() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY);
    }
}
