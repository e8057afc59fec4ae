package io.coffer.crypto.control;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The root key inside a PKCS#11 HSM (SoftHSM2 on a developer machine), through the JDK's SunPKCS11 provider: an
 * AES-256 token object, sensitive and not extractable, found by its label and generated in the token when missing.
 * Wrapping and unwrapping run inside the token (AES-GCM); the key never exists outside it.
 */
public final class Pkcs11RootKey implements RootKey {

    private final Provider provider;
    private final Key key;
    private final String id;

    private Pkcs11RootKey(Provider provider, Key key, String id) {
        this.provider = provider;
        this.key = key;
        this.id = id;
    }

    /**
     * @param library       the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slotListIndex the token's slot, as its index among the module's slots
     */
    public static Pkcs11RootKey open(Path library, int slotListIndex, char[] pin, String label) {
        String config = "--name=coffer-" + slotListIndex + "\n"
                + "library=" + library + "\n"
                + "slotListIndex=" + slotListIndex + "\n"
                // Keys generated through this provider are token objects that never leave the token.
                + "attributes(*,CKO_SECRET_KEY,*) = {\n  CKA_TOKEN = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(config);
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, pin);
            Key key = token.getKey(label, null);
            if (key == null) {
                KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
                generator.init(256);
                SecretKey generated = generator.generateKey();
                token.setEntry(label, new KeyStore.SecretKeyEntry(generated), null);
                key = token.getKey(label, null);
            }
            return new Pkcs11RootKey(provider, key, "pkcs11:" + slotListIndex + "/" + label);
        } catch (GeneralSecurityException | java.io.IOException | ProviderException failure) {
            throw new CryptoFailure(
                    "cannot open the root key '" + label + "' in the PKCS#11 token at slot index " + slotListIndex
                            + " of " + library + ": " + failure.getMessage(),
                    failure);
        }
    }

    /** Whether the key's bytes can be read out of the token (they must not). */
    public boolean extractable() {
        return key.getEncoded() != null;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] wrap(byte[] keyMaterial, byte[] associatedData) {
        return Gcm.seal(key, keyMaterial, associatedData, provider);
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
        return Gcm.open(key, wrapped, associatedData, provider);
    }

    @Override
    public String toString() {
        return "Pkcs11RootKey[" + id + "]";
    }
}
