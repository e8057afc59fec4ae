package io.coffer.identity.control;

import io.coffer.routing.entity.Ocids;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Properties;

/**
 * The operator's credentials on disk, under {@code <coffer home>/operator}: an RSA key (PKCS#8 PEM, mode 600), the
 * operator's tenancy and user ids, and an OCI SDK config file (profile DEFAULT) pointing at the key, for any OCI tool.
 * Made once, under a file lock, by whichever instance gets there first; the files are the source of truth, the base
 * store only mirrors them.
 */
public final class OperatorFiles {

    /** The operator's identity as the files hold it. */
    public record Operator(String tenancyId, String userId, String publicKeyPem, String fingerprint, Path config) {}

    private static final Object IN_PROCESS = new Object();

    private OperatorFiles() {}

    public static Operator ensure(Path home) throws IOException {
        Path directory = home.resolve("operator");
        Files.createDirectories(directory);
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(
                            directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                Path keyFile = directory.resolve("key.pem");
                if (!Files.isRegularFile(keyFile)) {
                    writePrivately(keyFile, privatePem(generate()));
                }
                RSAPublicKey publicKey = publicKeyOf(Files.readString(keyFile, StandardCharsets.US_ASCII));
                Path identityFile = directory.resolve("identity.properties");
                Properties identity = new Properties();
                if (Files.isRegularFile(identityFile)) {
                    try (Reader in = Files.newBufferedReader(identityFile)) {
                        identity.load(in);
                    }
                }
                if (identity.getProperty("tenancy") == null || identity.getProperty("user") == null) {
                    identity.setProperty("tenancy", Ocids.newId("tenancy"));
                    identity.setProperty("user", Ocids.newId("user"));
                    Path temporary = identityFile.resolveSibling("identity.properties.new");
                    try (Writer out = Files.newBufferedWriter(temporary)) {
                        identity.store(out, "The Coffer operator's identity; its key is key.pem");
                    }
                    Files.move(
                            temporary,
                            identityFile,
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
                String fingerprint = PublicKeys.fingerprint(publicKey);
                Path config = directory.resolve("config");
                String configText = "[DEFAULT]\n"
                        + "user=" + identity.getProperty("user") + "\n"
                        + "fingerprint=" + fingerprint + "\n"
                        + "tenancy=" + identity.getProperty("tenancy") + "\n"
                        + "region=" + Ocids.REGION + "\n"
                        + "key_file=" + keyFile.toAbsolutePath() + "\n";
                if (!Files.isRegularFile(config) || !Files.readString(config).equals(configText)) {
                    writePrivately(config, configText);
                }
                Files.writeString(directory.resolve("public.pem"), PublicKeys.pem(publicKey));
                return new Operator(
                        identity.getProperty("tenancy"),
                        identity.getProperty("user"),
                        PublicKeys.pem(publicKey),
                        fingerprint,
                        config);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String privatePem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static RSAPublicKey publicKeyOf(String privatePem) {
        try {
            String body =
                    privatePem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
            return (RSAPublicKey)
                    factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException unreadable) {
            throw new IllegalStateException("the operator's key file is not a PKCS#8 RSA private key", unreadable);
        }
    }

    private static void writePrivately(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
