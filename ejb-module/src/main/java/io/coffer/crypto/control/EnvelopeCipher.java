package io.coffer.crypto.control;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: a fresh AES-256 data key per sealed value encrypts it with AES-256-GCM; the master key wraps the
 * data key, also with AES-GCM; both carry the same associated data. Stored form (one column):
 * {@code 0x01 | len(wrapped data key) (2 bytes) | wrapped data key | sealed value}.
 */
public final class EnvelopeCipher {

    static final byte FORMAT_V1 = 1;
    private static final int DATA_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvelopeCipher() {}

    public static byte[] seal(byte[] plaintext, SecretKey masterKey, byte[] associatedData) {
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        try {
            byte[] wrappedKey = Gcm.seal(masterKey, dataKey, dataKeyContext(associatedData), null);
            byte[] sealed = Gcm.seal(new SecretKeySpec(dataKey, "AES"), plaintext, associatedData, null);
            return ByteBuffer.allocate(1 + 2 + wrappedKey.length + sealed.length)
                    .put(FORMAT_V1)
                    .putShort((short) wrappedKey.length)
                    .put(wrappedKey)
                    .put(sealed)
                    .array();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public static byte[] open(byte[] stored, SecretKey masterKey, byte[] associatedData) {
        if (stored == null || stored.length < 3) {
            throw new CryptoFailure("no sealed value to open");
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        byte format = in.get();
        if (format != FORMAT_V1) {
            throw new CryptoFailure("unknown envelope format " + format);
        }
        int wrappedLength = Short.toUnsignedInt(in.getShort());
        if (wrappedLength > in.remaining()) {
            throw new CryptoFailure("envelope is truncated");
        }
        byte[] wrappedKey = new byte[wrappedLength];
        in.get(wrappedKey);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        byte[] dataKey = Gcm.open(masterKey, wrappedKey, dataKeyContext(associatedData), null);
        try {
            return Gcm.open(new SecretKeySpec(dataKey, "AES"), sealed, associatedData, null);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** The data key is bound to the same place as the value it seals, under a purpose of its own. */
    private static byte[] dataKeyContext(byte[] associatedData) {
        byte[] prefix = AssociatedData.of("coffer/data-key/v1");
        return ByteBuffer.allocate(prefix.length + associatedData.length)
                .put(prefix)
                .put(associatedData)
                .array();
    }
}
