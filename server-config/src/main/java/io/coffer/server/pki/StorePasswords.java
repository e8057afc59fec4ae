package io.coffer.server.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The passwords of the PKI's key stores, generated with the PKI and kept in {@code pki/passwords.properties} (mode 600),
 * the way {@code InternalCredentials} keeps the internal services' passwords. The hosts get the cell and trust store
 * passwords through Payara password aliases; the CA's is for the CLI alone.
 *
 * @param ca    the CA's key store (its private key)
 * @param cells every cell's key store
 * @param trust the trust store that holds the CA certificate
 */
public record StorePasswords(String ca, String cells, String trust) {

    static final String FILE = "passwords.properties";

    @Override
    public String toString() {
        return "StorePasswords[" + fingerprint() + "]";
    }

    static StorePasswords generate() {
        return new StorePasswords(
                InstallPasswords.generate(), InstallPasswords.generate(), InstallPasswords.generate());
    }

    static StorePasswords read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return new StorePasswords(
                InstallPasswords.required(properties, "ca.password", file),
                InstallPasswords.required(properties, "cells.password", file),
                InstallPasswords.required(properties, "trust.password", file));
    }

    void write(Path file) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".passwords", ".tmp", CellPki.ownerOnly());
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write("# Passwords of Coffer's PKI key stores (PKCS12), generated on this install's first start."
                    + " Keep this file private.\n");
            out.write("ca.password=" + ca + "\n");
            out.write("cells.password=" + cells + "\n");
            out.write("trust.password=" + trust + "\n");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A fingerprint of the passwords the hosts use (not the passwords): a host stores them again when it changes. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((cells + '\0' + trust).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
