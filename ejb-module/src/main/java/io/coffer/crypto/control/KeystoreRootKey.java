package io.coffer.crypto.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The root key in a PKCS#12 keystore file (an AES-256 secret-key entry), its password in a file of its own; both
 * made on first use, mode 600. Several processes on one machine may open it at the same moment: creation happens
 * under a file lock and is checked again once the lock is held, so there is only ever one root key.
 */
public final class KeystoreRootKey implements RootKey {

    static final String ALIAS = "coffer-root";
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** File locks are per process: threads of one process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private final SecretKey key;
    private final String id;

    private KeystoreRootKey(SecretKey key, String id) {
        this.key = key;
        this.id = id;
    }

    public static KeystoreRootKey openOrCreate(Path keystore, Path passwordFile) {
        synchronized (IN_PROCESS) {
            return openOrCreateLocked(keystore, passwordFile);
        }
    }

    private static KeystoreRootKey openOrCreateLocked(Path keystore, Path passwordFile) {
        try {
            Files.createDirectories(keystore.toAbsolutePath().getParent());
            Path lockFile = keystore.resolveSibling(keystore.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                char[] password = password(passwordFile);
                KeyStore store = KeyStore.getInstance("PKCS12");
                if (Files.isRegularFile(keystore)) {
                    try (InputStream in = Files.newInputStream(keystore)) {
                        store.load(in, password);
                    }
                } else {
                    store.load(null, password);
                }
                if (!store.containsAlias(ALIAS)) {
                    KeyGenerator generator = KeyGenerator.getInstance("AES");
                    generator.init(256, new SecureRandom());
                    store.setEntry(
                            ALIAS,
                            new KeyStore.SecretKeyEntry(generator.generateKey()),
                            new KeyStore.PasswordProtection(password));
                    Path temporary = keystore.resolveSibling(keystore.getFileName() + ".new");
                    try (OutputStream out = Files.newOutputStream(temporary)) {
                        store.store(out, password);
                    }
                    ownerOnly(temporary);
                    Files.move(
                            temporary, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                SecretKey key = (SecretKey) store.getKey(ALIAS, password);
                return new KeystoreRootKey(key, "keystore:" + ALIAS);
            }
        } catch (IOException | GeneralSecurityException failure) {
            throw new CryptoFailure("cannot open the root keystore " + keystore + ": " + failure.getMessage(), failure);
        }
    }

    private static char[] password(Path passwordFile) throws IOException {
        if (!Files.isRegularFile(passwordFile)) {
            SecureRandom random = new SecureRandom();
            StringBuilder password = new StringBuilder(32);
            for (int i = 0; i < 32; i++) {
                password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
            }
            Files.createDirectories(passwordFile.toAbsolutePath().getParent());
            Path temporary = passwordFile.resolveSibling(passwordFile.getFileName() + ".new");
            Files.writeString(temporary, password, StandardCharsets.US_ASCII);
            ownerOnly(temporary);
            Files.move(temporary, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] wrap(byte[] keyMaterial, byte[] associatedData) {
        return Gcm.seal(key, keyMaterial, associatedData, null);
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
        return Gcm.open(key, wrapped, associatedData, null);
    }

    @Override
    public String toString() {
        return "KeystoreRootKey[" + id + "]";
    }
}
