package io.coffer.it.support;

import com.oracle.bmc.keymanagement.model.CreateKeyDetails;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.CreateKeyRequest;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.CreateSecretDetails;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import com.oracle.bmc.vault.requests.GetSecretRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** A vault with a key for a tenant, and the small steps every secret test repeats. */
public final class Secrets {

    public final Tenant tenant;
    public final Vault vault;
    public final Key key;

    private Secrets(Tenant tenant, Vault vault, Key key) {
        this.tenant = tenant;
        this.vault = vault;
        this.key = key;
    }

    public static Secrets in(Tenant tenant) {
        Vault vault = tenant.kmsVaults
                .createVault(CreateVaultRequest.builder()
                        .createVaultDetails(CreateVaultDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("secrets")
                                .vaultType(CreateVaultDetails.VaultType.Default)
                                .build())
                        .build())
                .getVault();
        Key key = tenant.kms(vault.getManagementEndpoint())
                .createKey(CreateKeyRequest.builder()
                        .createKeyDetails(CreateKeyDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("secrets-key")
                                .keyShape(KeyShape.builder()
                                        .algorithm(KeyShape.Algorithm.Aes)
                                        .length(32)
                                        .build())
                                .build())
                        .build())
                .getKey();
        return new Secrets(tenant, vault, key);
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String text(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** The content of a secret's current bundle, as {@code client} serves it, decoded as text. */
    public static String bundleText(SecretsClient client, String secretId) {
        return text(((Base64SecretBundleContentDetails) client.getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(secretId)
                                .build())
                        .getSecretBundle()
                        .getSecretBundleContent())
                .getContent());
    }

    public CreateSecretDetails.Builder details(String name, String content) {
        return CreateSecretDetails.builder()
                .compartmentId(tenant.tenancyId)
                .vaultId(vault.getId())
                .keyId(key.getId())
                .secretName(name)
                .secretContent(Base64SecretContentDetails.builder()
                        .content(base64(content))
                        .build());
    }

    /** Creates the secret and waits until it is ACTIVE (it is, once every host of its cell has it). */
    public Secret create(String name, String content) {
        return active(tenant.vaults
                .createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(details(name, content).build())
                        .build())
                .getSecret()
                .getId());
    }

    public Secret active(String secretId) {
        return await(secretId, Secret.LifecycleState.Active);
    }

    public Secret await(String secretId, Secret.LifecycleState state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Secret secret;
        do {
            secret = get(secretId);
            if (secret.getLifecycleState() == state) {
                return secret;
            }
            Http.sleep(150);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("secret " + secretId + " stayed " + secret.getLifecycleState() + ", never " + state);
    }

    public Secret get(String secretId) {
        return tenant.vaults
                .getSecret(GetSecretRequest.builder().secretId(secretId).build())
                .getSecret();
    }
}
