package io.coffer.it.support;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.KmsVaultClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.secrets.SecretsClient;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.vault.VaultsClient;
import io.coffer.it.support.Http.Reply;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * A tenancy made for a test through the operator's admin API, and the official OCI SDK clients of its administrator,
 * pointed at Coffer. The SDK's retries and circuit breaker are off, so every answer is Coffer's own.
 */
public final class Tenant {

    public final String tenancyId;
    public final String userId;
    public final String fingerprint;
    public final SimpleAuthenticationDetailsProvider credentials;
    public final java.security.PrivateKey privateKey;
    public final VaultsClient vaults;
    public final SecretsClient secrets;
    public final KmsVaultClient kmsVaults;
    private final String url;

    private Tenant(
            String url,
            String tenancyId,
            String userId,
            String fingerprint,
            SimpleAuthenticationDetailsProvider credentials,
            java.security.PrivateKey privateKey) {
        this.url = url;
        this.privateKey = privateKey;
        this.tenancyId = tenancyId;
        this.userId = userId;
        this.fingerprint = fingerprint;
        this.credentials = credentials;
        this.vaults = VaultsClient.builder()
                .endpoint(url)
                .configuration(configuration())
                .build(credentials);
        this.secrets = SecretsClient.builder()
                .endpoint(url)
                .configuration(configuration())
                .build(credentials);
        this.kmsVaults = KmsVaultClient.builder()
                .endpoint(url)
                .configuration(configuration())
                .build(credentials);
    }

    public static Tenant create(Operator operator, String url, String namePrefix) {
        KeyPair keys = rsa();
        String name = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String publicPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Reply created = operator.post(
                url + "/admin/v1/tenancies",
                Json.createObjectBuilder()
                        .add("name", name)
                        .add("adminPublicKey", publicPem)
                        .build()
                        .toString());
        if (created.status() != 201) {
            throw new AssertionError("creating tenancy " + name + ": " + created.status() + " " + created.body());
        }
        String privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String tenancyId = created.json().getString("id");
        String userId = created.json().getString("adminUserId");
        String fingerprint = created.json().getString("fingerprint");
        SimpleAuthenticationDetailsProvider credentials = SimpleAuthenticationDetailsProvider.builder()
                .tenantId(tenancyId)
                .userId(userId)
                .fingerprint(fingerprint)
                .privateKeySupplier(() -> new ByteArrayInputStream(privatePem.getBytes(StandardCharsets.US_ASCII)))
                .build();
        return new Tenant(url, tenancyId, userId, fingerprint, credentials, keys.getPrivate());
    }

    /** The Secrets service client of another host of the same topology. */
    public SecretsClient secretsAt(String hostUrl) {
        return SecretsClient.builder()
                .endpoint(hostUrl)
                .configuration(configuration())
                .build(credentials);
    }

    /** The Vaults service client of another host of the same topology. */
    public VaultsClient vaultsAt(String hostUrl) {
        return VaultsClient.builder()
                .endpoint(hostUrl)
                .configuration(configuration())
                .build(credentials);
    }

    /** The KMS management client of one vault, at the management endpoint the vault names. */
    public KmsManagementClient kms(String managementEndpoint) {
        return KmsManagementClient.builder()
                .endpoint(managementEndpoint)
                .configuration(configuration())
                .build(credentials);
    }

    /** Signs plain HTTP requests as this tenancy's administrator. */
    public io.coffer.server.signing.OciRequestSigner signer() {
        return new io.coffer.server.signing.OciRequestSigner(tenancyId, userId, fingerprint, privateKey);
    }

    public String url() {
        return url;
    }

    public static ClientConfiguration configuration() {
        return ClientConfiguration.builder()
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
    }

    /** The Vaults client of this tenancy's host that gives up on a reply after {@code readTimeout}: a hang fails. */
    public VaultsClient vaultsImpatient(Duration readTimeout) {
        return VaultsClient.builder()
                .endpoint(url)
                .configuration(impatient(readTimeout))
                .build(credentials);
    }

    /** The Secrets client of this tenancy's host that gives up on a reply after {@code readTimeout}. */
    public SecretsClient secretsImpatient(Duration readTimeout) {
        return SecretsClient.builder()
                .endpoint(url)
                .configuration(impatient(readTimeout))
                .build(credentials);
    }

    private static ClientConfiguration impatient(Duration readTimeout) {
        return ClientConfiguration.builder()
                .readTimeoutMillis(Math.toIntExact(readTimeout.toMillis()))
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
