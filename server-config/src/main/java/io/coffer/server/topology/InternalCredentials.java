package io.coffer.server.topology;

import io.coffer.server.pki.InstallPasswords;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * The credentials of a topology's internal services, the Derby network server of the remote stores and the JMS broker,
 * generated on an install's first start and kept in {@code <home>/credentials.properties} (mode 600). The app servers
 * get the passwords through Payara password aliases; tools and tests read them from that file.
 *
 * @param derbyUser      {@code app}: Derby's default user, so stores created before authentication keep their owner
 *                       and their schema ({@code APP})
 * @param derbyPassword  generated per install
 * @param brokerUser     {@code coffer}
 * @param brokerPassword generated per install
 */
public record InternalCredentials(String derbyUser, String derbyPassword, String brokerUser, String brokerPassword) {

    public static final String FILE = "credentials.properties";
    static final String DERBY_USER = "app";
    static final String BROKER_USER = "coffer";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public String toString() {
        return "InternalCredentials[derbyUser=" + derbyUser + ", brokerUser=" + brokerUser + "]";
    }

    /** The home's credentials, made (and written, mode 600) on its first start. */
    public static InternalCredentials ensure(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            return read(file);
        }
        InternalCredentials fresh = new InternalCredentials(
                DERBY_USER, InstallPasswords.generate(), BROKER_USER, InstallPasswords.generate());
        fresh.write(file);
        return fresh;
    }

    /** The credentials a home's first start wrote; for the tools and tests that connect to the services directly. */
    public static InternalCredentials of(Path home) {
        try {
            return read(home.resolve(FILE));
        } catch (IOException unreadable) {
            throw new CliException(
                    "cannot read the internal services' credentials: " + unreadable.getMessage(), unreadable);
        }
    }

    /** The credentials in that file (a home's {@value #FILE}). */
    public static InternalCredentials read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return new InternalCredentials(
                InstallPasswords.required(properties, "derby.user", file),
                InstallPasswords.required(properties, "derby.password", file),
                InstallPasswords.required(properties, "broker.user", file),
                InstallPasswords.required(properties, "broker.password", file));
    }

    /**
     * A fingerprint of these credentials (not the passwords): a host records what it was configured with, and is
     * configured again when they differ.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((derbyUser + '\0' + derbyPassword + '\0' + brokerUser + '\0' + brokerPassword)
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(
                file.getParent(), ".credentials", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write(
                    "# Coffer's internal services on 127.0.0.1, generated on this install's first start. Keep this file private.\n");
            out.write(
                    "# Derby network server (the remote stores): jdbc:derby://127.0.0.1:<derby port>/coffer-base;user=...;password=...\n");
            out.write("derby.user=" + derbyUser + "\n");
            out.write("derby.password=" + derbyPassword + "\n");
            out.write("# JMS broker (ActiveMQ): tcp://127.0.0.1:<broker port>\n");
            out.write("broker.user=" + brokerUser + "\n");
            out.write("broker.password=" + brokerPassword + "\n");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
