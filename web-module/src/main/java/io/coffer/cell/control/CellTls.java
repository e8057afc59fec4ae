package io.coffer.cell.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS identity a cell host uses as a client of another cell's cell-internal listener, read from the PKI that
 * {@code ./coffer start} keeps in {@code $COFFER_HOME/pki}: it presents the cell's certificate ({@code <cell>.p12},
 * alias the cell's name) and trusts Coffer's CA ({@code truststore.p12}, alias {@value #CA_ALIAS}) and nothing else,
 * not even the JDK's public CAs. The store passwords come from {@code passwords.properties}; none is ever printed.
 */
public final class CellTls {

    /** TLS 1.3, and 1.2 for a peer without it; nothing older. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    static final String TRUST_STORE = "truststore.p12";
    static final String PASSWORDS = "passwords.properties";
    static final String CA_ALIAS = "coffer-ca";
    // the keys server-config's StorePasswords writes
    static final String CELLS_PASSWORD = "cells.password";
    static final String TRUST_PASSWORD = "trust.password";

    private static final String STORE_TYPE = "PKCS12";
    /** A cell's name is also a file name in the PKI directory: nothing that could leave it. */
    private static final String CELL_NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private CellTls() {}

    /**
     * A client context presenting the cell's certificate and trusting only Coffer's CA; use it with {@link #PROTOCOLS}.
     *
     * @throws IllegalStateException naming the file that is missing or unreadable, or the password key that does not
     *     open it
     * @throws IllegalArgumentException when {@code cell} is not a plain name (it names a file in the directory)
     */
    public static SSLContext of(Path pkiDirectory, String cell) {
        if (cell == null || !cell.matches(CELL_NAME)) {
            throw new IllegalArgumentException("not a cell name: '" + cell + "'");
        }
        Path passwordFile = pkiDirectory.resolve(PASSWORDS);
        Properties passwords = readPasswords(passwordFile);
        char[] cellPassword = required(passwords, CELLS_PASSWORD, passwordFile);
        char[] trustPassword = required(passwords, TRUST_PASSWORD, passwordFile);
        Path cellStore = pkiDirectory.resolve(cell + ".p12");
        Path trustStore = pkiDirectory.resolve(TRUST_STORE);
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(
                    onlyKeyOf(load(cellStore, cellPassword, CELLS_PASSWORD), cell, cellPassword, cellStore),
                    cellPassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(onlyCa(load(trustStore, trustPassword, TRUST_PASSWORD), trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException unusable) {
            throw new IllegalStateException(
                    "cannot make the TLS context of cell " + cell + " from " + pkiDirectory + ": " + unusable,
                    unusable);
        }
    }

    private static Properties readPasswords(Path file) {
        Properties passwords = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            passwords.load(in);
        } catch (NoSuchFileException missing) {
            throw new IllegalStateException(file + " is missing: ./coffer start makes Coffer's PKI", missing);
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
        return passwords;
    }

    private static char[] required(Properties passwords, String key, Path file) {
        String password = passwords.getProperty(key);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException(file + " has no " + key);
        }
        return password.toCharArray();
    }

    private static KeyStore load(Path file, char[] password, String passwordKey) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (NoSuchFileException missing) {
            throw new IllegalStateException(file + " is missing: ./coffer start makes Coffer's PKI", missing);
        } catch (IOException unreadable) {
            // PKCS12 reports a wrong password as an IOException caused by an UnrecoverableKeyException
            if (unreadable.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalStateException(
                        "wrong password for " + file + ": " + passwordKey + " in " + PASSWORDS + " does not open it",
                        unreadable);
            }
            throw new IllegalStateException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
        return store;
    }

    /** A store with the cell's key entry alone, so that the cell's certificate is the one presented. */
    private static KeyStore onlyKeyOf(KeyStore store, String cell, char[] password, Path file)
            throws GeneralSecurityException {
        if (!store.isKeyEntry(cell)) {
            throw new IllegalStateException(file + " holds no key pair with the alias " + cell);
        }
        KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
        KeyStore only = emptyStore();
        only.setEntry(cell, store.getEntry(cell, protection), protection);
        return only;
    }

    /** A store with the CA certificate alone, so that nothing else the file might hold is trusted. */
    private static KeyStore onlyCa(KeyStore store, Path file) throws GeneralSecurityException {
        if (!store.isCertificateEntry(CA_ALIAS)) {
            throw new IllegalStateException(file + " holds no certificate with the alias " + CA_ALIAS);
        }
        KeyStore only = emptyStore();
        only.setCertificateEntry(CA_ALIAS, store.getCertificate(CA_ALIAS));
        return only;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(STORE_TYPE);
        try {
            store.load(null, null);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return store;
    }
}
