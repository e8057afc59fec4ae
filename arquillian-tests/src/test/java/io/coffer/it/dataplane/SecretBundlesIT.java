package io.coffer.it.dataplane;

import static io.coffer.it.support.OciErrors.refused;
import static io.coffer.it.support.Secrets.base64;
import static io.coffer.it.support.Secrets.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.model.SecretBundle;
import com.oracle.bmc.secrets.model.SecretBundleVersionSummary;
import com.oracle.bmc.secrets.requests.GetSecretBundleByNameRequest;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.secrets.requests.ListSecretBundleVersionsRequest;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.SecretContentDetails;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Secrets service (secret retrieval) through the official SDK (secrets 3.79.0): the SDK reads what it wrote. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretBundlesIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static Secrets mine;
    private static Secrets theirs;
    private static Secret secret;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void aSecretWithThreeVersions() {
        Operator operator =
                Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "bundles"));
        theirs = Secrets.in(Tenant.create(operator, URL, "snoop"));
        secret = mine.active(mine.tenant
                .vaults
                .createSecret(com.oracle.bmc.vault.requests.CreateSecretRequest.builder()
                        .createSecretDetails(mine.details(
                                        "api-token-"
                                                + UUID.randomUUID().toString().substring(0, 6),
                                        "one")
                                .metadata(Map.of("rotation", "manual"))
                                .secretContent(Base64SecretContentDetails.builder()
                                        .content(base64("one"))
                                        .name("first")
                                        .build())
                                .build())
                        .build())
                .getSecret()
                .getId());
        update(content("two", "second", null));
        update(content("three", "third", SecretContentDetails.Stage.Pending));
    }

    @Test
    void theCurrentVersionIsServedByDefault() {
        SecretBundle bundle =
                bundle(GetSecretBundleRequest.builder().secretId(secret.getId()).build());
        assertThat(text(content(bundle))).isEqualTo("two");
        assertThat(bundle.getVersionNumber()).isEqualTo(2);
        assertThat(bundle.getVersionName()).isEqualTo("second");
        assertThat(bundle.getStages()).contains(SecretBundle.Stages.Current);
        assertThat(bundle.getMetadata()).containsEntry("rotation", "manual");
    }

    @Test
    void aVersionIsChosenByNumberNameOrStage() {
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .versionNumber(1L)
                        .build()))))
                .isEqualTo("one");
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .secretVersionName("third")
                        .build()))))
                .isEqualTo("three");
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .stage(GetSecretBundleRequest.Stage.Pending)
                        .build()))))
                .isEqualTo("three");
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .stage(GetSecretBundleRequest.Stage.Latest)
                        .build()))))
                .isEqualTo("three");
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .stage(GetSecretBundleRequest.Stage.Previous)
                        .build()))))
                .isEqualTo("one");
    }

    @Test
    void aSecretIsFoundByNameInItsVault() {
        SecretBundle bundle = mine.tenant
                .secrets
                .getSecretBundleByName(GetSecretBundleByNameRequest.builder()
                        .secretName(secret.getSecretName())
                        .vaultId(mine.vault.getId())
                        .build())
                .getSecretBundle();
        assertThat(bundle.getSecretId()).isEqualTo(secret.getId());
        assertThat(text(content(bundle))).isEqualTo("two");
        assertThat(text(content(mine.tenant
                        .secrets
                        .getSecretBundleByName(GetSecretBundleByNameRequest.builder()
                                .secretName(secret.getSecretName())
                                .vaultId(mine.vault.getId())
                                .versionNumber(1L)
                                .build())
                        .getSecretBundle())))
                .isEqualTo("one");
        refused(
                () -> mine.tenant.secrets.getSecretBundleByName(GetSecretBundleByNameRequest.builder()
                        .secretName("no-such-secret")
                        .vaultId(mine.vault.getId())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> theirs.tenant.secrets.getSecretBundleByName(GetSecretBundleByNameRequest.builder()
                        .secretName(secret.getSecretName())
                        .vaultId(mine.vault.getId())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
    }

    @Test
    void afterTheMasterKeyRotatesOldVersionsStillOpenAndNewOnesUseTheNewKeyVersion() {
        Secret rotating =
                mine.create("rotating-" + UUID.randomUUID().toString().substring(0, 6), "sealed by version one");
        String newKeyVersion = mine.tenant
                .kms(mine.vault.getManagementEndpoint())
                .createKeyVersion(com.oracle.bmc.keymanagement.requests.CreateKeyVersionRequest.builder()
                        .keyId(mine.key.getId())
                        .build())
                .getKeyVersion()
                .getId();
        mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                .secretId(rotating.getId())
                .updateSecretDetails(UpdateSecretDetails.builder()
                        .secretContent(Base64SecretContentDetails.builder()
                                .content(base64("sealed by version two"))
                                .build())
                        .build())
                .build());
        mine.active(rotating.getId());
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(rotating.getId())
                        .versionNumber(1L)
                        .build()))))
                .isEqualTo("sealed by version one");
        assertThat(text(content(bundle(GetSecretBundleRequest.builder()
                        .secretId(rotating.getId())
                        .build()))))
                .isEqualTo("sealed by version two");
        assertThat(newKeyVersion).startsWith("ocid1.keyversion.");
    }

    @Test
    void bundleVersionsAreListed() {
        assertThat(mine.tenant
                        .secrets
                        .listSecretBundleVersions(ListSecretBundleVersionsRequest.builder()
                                .secretId(secret.getId())
                                .build())
                        .getItems())
                .extracting(SecretBundleVersionSummary::getVersionNumber)
                .containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void unknownVersionsAndOtherTenanciesGetNotFound() {
        refused(
                () -> bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .versionNumber(9L)
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .secretVersionName("nope")
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> bundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .versionNumber(1L)
                        .secretVersionName("first")
                        .build()),
                400,
                "InvalidParameter");
        refused(
                () -> theirs.tenant.secrets.getSecretBundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> mine.tenant.secrets.getSecretBundle(GetSecretBundleRequest.builder()
                        .secretId("ocid1.vaultsecret.oc1.coffer.nosuchsecret000000000000000")
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
    }

    private static void update(Base64SecretContentDetails content) {
        mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                .secretId(secret.getId())
                .updateSecretDetails(
                        UpdateSecretDetails.builder().secretContent(content).build())
                .build());
        mine.active(secret.getId());
    }

    private static Base64SecretContentDetails content(String text, String name, SecretContentDetails.Stage stage) {
        return Base64SecretContentDetails.builder()
                .content(base64(text))
                .name(name)
                .stage(stage)
                .build();
    }

    private static SecretBundle bundle(GetSecretBundleRequest request) {
        return mine.tenant.secrets.getSecretBundle(request).getSecretBundle();
    }

    private static String content(SecretBundle bundle) {
        return ((Base64SecretBundleContentDetails) bundle.getSecretBundleContent()).getContent();
    }
}
