package io.coffer.crypto.control;

import io.coffer.platform.settings.CofferSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * This instance's root key, opened on first use from the configured place: the PKCS#12 keystore under Coffer's home
 * (default), or the PKCS#11 token ({@code coffer.rootkey.provider=pkcs11}).
 */
@ApplicationScoped
public class RootKeys {

    @Inject
    CofferSettings settings;

    private volatile RootKey root;

    public RootKey current() {
        RootKey opened = root;
        if (opened == null) {
            synchronized (this) {
                if (root == null) {
                    root = open();
                }
                opened = root;
            }
        }
        return opened;
    }

    /** The root key that wrapped something, which must be this instance's. */
    public RootKey byId(String rootKeyId) {
        RootKey current = current();
        if (!current.id().equals(rootKeyId)) {
            throw new CryptoFailure("material wrapped by root key " + rootKeyId
                    + " cannot be opened here: this instance holds " + current.id());
        }
        return current;
    }

    private RootKey open() {
        String provider = settings.rootKeyProvider();
        if ("pkcs11".equals(provider)) {
            return Pkcs11RootKey.open(
                    java.nio.file.Path.of(settings.pkcs11Library()),
                    settings.pkcs11SlotListIndex(),
                    pin(),
                    settings.pkcs11KeyLabel());
        }
        if (!"keystore".equals(provider)) {
            throw new CryptoFailure("coffer.rootkey.provider must be keystore or pkcs11, not " + provider);
        }
        return KeystoreRootKey.openOrCreate(settings.rootKeystore(), settings.rootKeystorePasswordFile());
    }

    private char[] pin() {
        try {
            return Files.readString(settings.pkcs11PinFile(), StandardCharsets.UTF_8)
                    .trim()
                    .toCharArray();
        } catch (IOException unreadable) {
            throw new CryptoFailure(
                    "cannot read the PKCS#11 PIN file " + settings.pkcs11PinFile() + ": " + unreadable.getMessage());
        }
    }
}
