package io.coffer.crypto.control;

import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.secret.control.PriorContentMatcher;
import io.coffer.secret.control.SecretCrypto;
import io.coffer.secret.control.SecretSealer;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets' encryption at rest: content and metadata sealed in envelopes under the key's current master key version,
 * bound to their tenancy, vault, secret and version; a keyed digest of each version's content (HMAC-SHA256 under a
 * key derived from the master key version and the secret) lets the reuse rule compare without decrypting. Sealed
 * metadata starts with the id of the master key version that sealed it: {@code len (2 bytes) | id | envelope}.
 */
@ApplicationScoped
public class EnvelopeSecretCrypto implements SecretCrypto {

    @Inject
    MasterKeyMaterials materials;

    @Override
    public SecretSealer sealer(MasterKeyVersion current) {
        SecretKey masterKey = materials.key(current);
        return new SecretSealer() {
            @Override
            public SealedContent sealContent(Secret secret, long versionNumber, byte[] plaintext) {
                byte[] sealed = EnvelopeCipher.seal(
                        plaintext,
                        masterKey,
                        AssociatedData.content(secret.tenancyId(), secret.vaultId(), secret.id(), versionNumber));
                return new SealedContent(sealed, current.id(), digest(masterKey, secret.id(), plaintext));
            }

            @Override
            public byte[] sealMetadata(Secret secret, byte[] metadataJson) {
                byte[] sealed = EnvelopeCipher.seal(
                        metadataJson,
                        masterKey,
                        AssociatedData.metadata(secret.tenancyId(), secret.vaultId(), secret.id()));
                byte[] id = current.id().getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(2 + id.length + sealed.length)
                        .putShort((short) id.length)
                        .put(id)
                        .put(sealed)
                        .array();
            }
        };
    }

    @Override
    public PriorContentMatcher priorContent(KeyVersions versions) {
        return (secret, prior, candidate) -> {
            byte[] stored = prior.contentDigest();
            if (stored == null || prior.keyVersionId() == null) {
                return false;
            }
            SecretKey masterKey = materials.key(versions.byId(prior.keyVersionId()));
            return MessageDigest.isEqual(stored, digest(masterKey, secret.id(), candidate));
        };
    }

    @Override
    public byte[] openContent(Secret secret, SecretVersion version, MasterKeyVersion sealedWith) {
        if (!sealedWith.id().equals(version.keyVersionId())) {
            throw new CryptoFailure("version " + version.versionNumber() + " of secret " + secret.id()
                    + " was not sealed with key version " + sealedWith.id());
        }
        try {
            return EnvelopeCipher.open(
                    version.encryptedContent(),
                    materials.key(sealedWith),
                    AssociatedData.content(secret.tenancyId(), secret.vaultId(), secret.id(), version.versionNumber()));
        } catch (CryptoFailure failure) {
            throw new CryptoFailure(
                    "the stored content of version " + version.versionNumber() + " of secret " + secret.id()
                            + " failed its integrity check: " + failure.getMessage(),
                    failure);
        }
    }

    @Override
    public String metadataKeyVersionId(Secret secret) {
        byte[] sealed = secret.encryptedMetadata();
        if (sealed == null) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(sealed);
        byte[] id = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(id);
        return new String(id, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] openMetadata(Secret secret, MasterKeyVersion sealedWith) {
        ByteBuffer in = ByteBuffer.wrap(secret.encryptedMetadata());
        int idLength = Short.toUnsignedInt(in.getShort());
        in.position(2 + idLength);
        byte[] envelope = new byte[in.remaining()];
        in.get(envelope);
        try {
            return EnvelopeCipher.open(
                    envelope,
                    materials.key(sealedWith),
                    AssociatedData.metadata(secret.tenancyId(), secret.vaultId(), secret.id()));
        } catch (CryptoFailure failure) {
            throw new CryptoFailure(
                    "the stored metadata of secret " + secret.id() + " failed its integrity check: "
                            + failure.getMessage(),
                    failure);
        }
    }

    /** HMAC-SHA256 of the content under a key derived from the master key version and the secret. */
    static byte[] digest(SecretKey masterKey, String secretId, byte[] plaintext) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(masterKey);
            byte[] digestKey = derive.doFinal(AssociatedData.contentDigest(secretId));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digestKey, "HmacSHA256"));
            java.util.Arrays.fill(digestKey, (byte) 0);
            return mac.doFinal(plaintext);
        } catch (GeneralSecurityException failure) {
            throw new CryptoFailure(
                    "content digest failed: " + failure.getClass().getSimpleName(), failure);
        }
    }
}
