package io.coffer.crypto.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.key.control.KeyMaterial;
import io.coffer.key.entity.MasterKey;
import io.coffer.key.entity.MasterKeyVersion;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.secret.control.PriorContentMatcher;
import io.coffer.secret.entity.SealedContent;
import io.coffer.secret.entity.Secret;
import io.coffer.secret.entity.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing secrets the way the facades do, with a real keystore root key: what opens where, and what does not. */
class EnvelopeSecretCryptoTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");
    private static final byte[] CONTENT = "s3cr3t-marker".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;

    private EnvelopeSecretCrypto crypto;
    private MasterKeyMaterials materials;
    private MasterKey key;
    private MasterKeyVersion keyVersion;

    @BeforeEach
    void keys() {
        RootKeys roots = new RootKeys() {
            private final RootKey root =
                    KeystoreRootKey.openOrCreate(home.resolve("root.p12"), home.resolve("root.pass"));

            @Override
            public RootKey current() {
                return root;
            }
        };
        materials = new MasterKeyMaterials();
        materials.roots = roots;
        crypto = new EnvelopeSecretCrypto();
        crypto.materials = materials;
        key = new MasterKey("tenancy", "tenancy", "vault", "key", "HSM", ResourceTags.NONE, NOW);
        keyVersion = newVersion(key);
    }

    @Test
    void contentOpensOnlyOnTheRowItWasSealedFor() {
        Secret secret = secret("ocid1.vaultsecret.oc1.coffer.aaaaaaaaaaaaaaaaaaaaaaaaaa");
        SealedContent sealed = crypto.sealer(keyVersion).sealContent(secret, 1, CONTENT);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("marker");
        SecretVersion v1 = new SecretVersion(secret.id(), 1, null, NOW, false, sealed);
        assertThat(crypto.openContent(secret, v1, keyVersion)).isEqualTo(CONTENT);

        SecretVersion copiedToVersion2 = new SecretVersion(secret.id(), 2, null, NOW, false, sealed);
        assertThatThrownBy(() -> crypto.openContent(secret, copiedToVersion2, keyVersion))
                .isInstanceOf(CryptoFailure.class)
                .hasMessageContaining("failed its integrity check");

        Secret other = secret("ocid1.vaultsecret.oc1.coffer.bbbbbbbbbbbbbbbbbbbbbbbbbb");
        SecretVersion copiedToOtherSecret = new SecretVersion(other.id(), 1, null, NOW, false, sealed);
        assertThatThrownBy(() -> crypto.openContent(other, copiedToOtherSecret, keyVersion))
                .isInstanceOf(CryptoFailure.class);
    }

    @Test
    void oldKeyVersionsStillOpenAfterRotation() {
        Secret secret = secret("ocid1.vaultsecret.oc1.coffer.cccccccccccccccccccccccccc");
        SecretVersion v1 = new SecretVersion(
                secret.id(), 1, null, NOW, false, crypto.sealer(keyVersion).sealContent(secret, 1, CONTENT));
        MasterKeyVersion rotated = newVersion(key);
        SecretVersion v2 = new SecretVersion(
                secret.id(), 2, null, NOW, false, crypto.sealer(rotated).sealContent(secret, 2, CONTENT));
        assertThat(v2.keyVersionId()).isEqualTo(rotated.id());
        assertThat(crypto.openContent(secret, v1, keyVersion)).isEqualTo(CONTENT);
        assertThat(crypto.openContent(secret, v2, rotated)).isEqualTo(CONTENT);
        assertThatThrownBy(() -> crypto.openContent(secret, v1, rotated)).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void metadataIsSealedAndNamesItsKeyVersion() {
        Secret secret = secret("ocid1.vaultsecret.oc1.coffer.dddddddddddddddddddddddddd");
        byte[] json = "{\"owner\":\"marker-team\"}".getBytes(StandardCharsets.UTF_8);
        secret.storeEncryptedMetadata(crypto.sealer(keyVersion).sealMetadata(secret, json));
        assertThat(new String(secret.encryptedMetadata(), StandardCharsets.ISO_8859_1))
                .doesNotContain("marker-team");
        assertThat(crypto.metadataKeyVersionId(secret)).isEqualTo(keyVersion.id());
        assertThat(crypto.openMetadata(secret, keyVersion)).isEqualTo(json);
    }

    @Test
    void theReuseRuleComparesDigestsWithoutDecrypting() {
        Secret secret = secret("ocid1.vaultsecret.oc1.coffer.eeeeeeeeeeeeeeeeeeeeeeeeee");
        SecretVersion prior = new SecretVersion(
                secret.id(), 1, null, NOW, false, crypto.sealer(keyVersion).sealContent(secret, 1, CONTENT));
        PriorContentMatcher matcher =
                crypto.priorContent(id -> Map.of(keyVersion.id(), keyVersion).get(id));
        assertThat(matcher.matches(secret, prior, CONTENT)).isTrue();
        assertThat(matcher.matches(secret, prior, "something else".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        prior.completeDeletion(NOW, true);
        assertThat(matcher.matches(secret, prior, CONTENT))
                .as("a deleted version keeps its digest")
                .isTrue();
    }

    private Secret secret(String id) {
        return new Secret(id, "tenancy", "tenancy", "vault", key.id(), "name", NOW);
    }

    private MasterKeyVersion newVersion(MasterKey key) {
        String versionId = MasterKeyVersion.newId();
        KeyMaterial.Wrapped wrapped = materials.create(key.id(), versionId);
        return new MasterKeyVersion(versionId, key, wrapped.material(), wrapped.rootKeyId(), NOW);
    }
}
