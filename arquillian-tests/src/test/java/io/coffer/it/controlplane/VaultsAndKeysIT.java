package io.coffer.it.controlplane;

import static io.coffer.it.support.OciErrors.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.model.CreateKeyDetails;
import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.KeyShape;
import com.oracle.bmc.keymanagement.model.KeyVersion;
import com.oracle.bmc.keymanagement.model.KeyVersionSummary;
import com.oracle.bmc.keymanagement.model.ScheduleVaultDeletionDetails;
import com.oracle.bmc.keymanagement.model.UpdateKeyDetails;
import com.oracle.bmc.keymanagement.model.UpdateVaultDetails;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.model.VaultSummary;
import com.oracle.bmc.keymanagement.requests.CancelVaultDeletionRequest;
import com.oracle.bmc.keymanagement.requests.CreateKeyRequest;
import com.oracle.bmc.keymanagement.requests.CreateKeyVersionRequest;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.GetKeyVersionRequest;
import com.oracle.bmc.keymanagement.requests.GetVaultRequest;
import com.oracle.bmc.keymanagement.requests.ListKeyVersionsRequest;
import com.oracle.bmc.keymanagement.requests.ListKeysRequest;
import com.oracle.bmc.keymanagement.requests.ListVaultsRequest;
import com.oracle.bmc.keymanagement.requests.ScheduleVaultDeletionRequest;
import com.oracle.bmc.keymanagement.requests.UpdateKeyRequest;
import com.oracle.bmc.keymanagement.requests.UpdateVaultRequest;
import com.oracle.bmc.keymanagement.responses.CreateVaultResponse;
import com.oracle.bmc.keymanagement.responses.ListVaultsResponse;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The KMS API's vaults and keys through the official SDK clients (keymanagement 3.68.2) against the deployed EAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VaultsAndKeysIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static Tenant tenant;
    private static Tenant stranger;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void tenants() {
        Operator operator =
                Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
        tenant = Tenant.create(operator, URL, "kms");
        stranger = Tenant.create(operator, URL, "stranger");
    }

    @Test
    void aVaultIsCreatedReadListedAndUpdatedWithOptimisticConcurrency() {
        CreateVaultResponse created = tenant.kmsVaults.createVault(CreateVaultRequest.builder()
                .createVaultDetails(CreateVaultDetails.builder()
                        .compartmentId(tenant.tenancyId)
                        .displayName("payments")
                        .vaultType(CreateVaultDetails.VaultType.Default)
                        .build())
                .build());
        Vault vault = created.getVault();
        assertThat(vault.getId()).startsWith("ocid1.vault.");
        assertThat(vault.getLifecycleState()).isEqualTo(Vault.LifecycleState.Active);
        assertThat(vault.getManagementEndpoint()).isEqualTo(URL + "/kms/" + vault.getId());
        assertThat(created.getEtag()).isNotBlank();

        Vault read = tenant.kmsVaults
                .getVault(GetVaultRequest.builder().vaultId(vault.getId()).build())
                .getVault();
        assertThat(read.getDisplayName()).isEqualTo("payments");
        assertThat(read.getTimeCreated()).isEqualTo(vault.getTimeCreated());

        String etag = tenant.kmsVaults
                .getVault(GetVaultRequest.builder().vaultId(vault.getId()).build())
                .getEtag();
        Vault renamed = tenant.kmsVaults
                .updateVault(UpdateVaultRequest.builder()
                        .vaultId(vault.getId())
                        .ifMatch(etag)
                        .updateVaultDetails(UpdateVaultDetails.builder()
                                .displayName("payments-eu")
                                .build())
                        .build())
                .getVault();
        assertThat(renamed.getDisplayName()).isEqualTo("payments-eu");
        refused(
                () -> tenant.kmsVaults.updateVault(UpdateVaultRequest.builder()
                        .vaultId(vault.getId())
                        .ifMatch(etag)
                        .updateVaultDetails(UpdateVaultDetails.builder()
                                .displayName("stale")
                                .build())
                        .build()),
                412,
                "NoEtagMatch");
        assertThat(tenant.kmsVaults
                        .getVault(
                                GetVaultRequest.builder().vaultId(vault.getId()).build())
                        .getVault()
                        .getDisplayName())
                .isEqualTo("payments-eu");

        refused(
                () -> stranger.kmsVaults.getVault(
                        GetVaultRequest.builder().vaultId(vault.getId()).build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> stranger.kmsVaults.updateVault(UpdateVaultRequest.builder()
                        .vaultId(vault.getId())
                        .updateVaultDetails(
                                UpdateVaultDetails.builder().displayName("mine").build())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
    }

    @Test
    void vaultsAreListedPageByPageWithoutDuplicates() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(createVault(tenant, "page-" + i).getId());
        }
        List<String> seen = new ArrayList<>();
        String page = null;
        do {
            ListVaultsResponse response = tenant.kmsVaults.listVaults(ListVaultsRequest.builder()
                    .compartmentId(tenant.tenancyId)
                    .limit(2)
                    .page(page)
                    .build());
            assertThat(response.getItems()).hasSizeLessThanOrEqualTo(2);
            response.getItems().stream().map(VaultSummary::getId).forEach(seen::add);
            page = response.getOpcNextPage();
        } while (page != null);
        assertThat(seen).doesNotHaveDuplicates().containsAll(made);
        assertThat(stranger.kmsVaults
                        .listVaults(ListVaultsRequest.builder()
                                .compartmentId(stranger.tenancyId)
                                .build())
                        .getItems())
                .extracting(VaultSummary::getId)
                .doesNotContainAnyElementsOf(made);
        refused(
                () -> stranger.kmsVaults.listVaults(ListVaultsRequest.builder()
                        .compartmentId(tenant.tenancyId)
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> tenant.kmsVaults.listVaults(ListVaultsRequest.builder()
                        .compartmentId(tenant.tenancyId)
                        .page("forged")
                        .build()),
                400,
                "InvalidParameter");
    }

    @Test
    void aVaultDeletionIsScheduledInTheWindowAndCanBeCancelled() {
        Vault vault = createVault(tenant, "short-lived");
        refused(
                () -> tenant.kmsVaults.scheduleVaultDeletion(ScheduleVaultDeletionRequest.builder()
                        .vaultId(vault.getId())
                        .scheduleVaultDeletionDetails(ScheduleVaultDeletionDetails.builder()
                                .timeOfDeletion(Date.from(Instant.now().plus(Duration.ofDays(1))))
                                .build())
                        .build()),
                400,
                "InvalidParameter");
        assertThat(get(vault).getLifecycleState()).isEqualTo(Vault.LifecycleState.Active);

        Date when = Date.from(Instant.now().plus(Duration.ofDays(10)));
        Vault scheduled = tenant.kmsVaults
                .scheduleVaultDeletion(ScheduleVaultDeletionRequest.builder()
                        .vaultId(vault.getId())
                        .scheduleVaultDeletionDetails(ScheduleVaultDeletionDetails.builder()
                                .timeOfDeletion(when)
                                .build())
                        .build())
                .getVault();
        assertThat(scheduled.getLifecycleState()).isEqualTo(Vault.LifecycleState.PendingDeletion);
        assertThat(Math.abs(scheduled.getTimeOfDeletion().getTime() - when.getTime()))
                .isLessThan(1000);
        refused(
                () -> tenant.kmsVaults.updateVault(UpdateVaultRequest.builder()
                        .vaultId(vault.getId())
                        .updateVaultDetails(
                                UpdateVaultDetails.builder().displayName("x").build())
                        .build()),
                409,
                "IncorrectState");

        Vault cancelled = tenant.kmsVaults
                .cancelVaultDeletion(CancelVaultDeletionRequest.builder()
                        .vaultId(vault.getId())
                        .build())
                .getVault();
        assertThat(cancelled.getLifecycleState()).isEqualTo(Vault.LifecycleState.Active);
        assertThat(cancelled.getTimeOfDeletion()).isNull();
        refused(
                () -> tenant.kmsVaults.cancelVaultDeletion(CancelVaultDeletionRequest.builder()
                        .vaultId(vault.getId())
                        .build()),
                409,
                "IncorrectState");
    }

    @Test
    void aRetriedCreateMakesOneVaultAndAReusedTokenWithAnotherBodyIsAConflict() {
        String token = "retry-" + UUID.randomUUID();
        CreateVaultDetails details = CreateVaultDetails.builder()
                .compartmentId(tenant.tenancyId)
                .displayName("once")
                .vaultType(CreateVaultDetails.VaultType.Default)
                .build();
        Vault first = tenant.kmsVaults
                .createVault(CreateVaultRequest.builder()
                        .createVaultDetails(details)
                        .opcRetryToken(token)
                        .build())
                .getVault();
        Vault again = tenant.kmsVaults
                .createVault(CreateVaultRequest.builder()
                        .createVaultDetails(details)
                        .opcRetryToken(token)
                        .build())
                .getVault();
        assertThat(again.getId()).isEqualTo(first.getId());
        refused(
                () -> tenant.kmsVaults.createVault(CreateVaultRequest.builder()
                        .opcRetryToken(token)
                        .createVaultDetails(CreateVaultDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("twice")
                                .vaultType(CreateVaultDetails.VaultType.Default)
                                .build())
                        .build()),
                409,
                "Conflict");
        long named = tenant
                .kmsVaults
                .listVaults(ListVaultsRequest.builder()
                        .compartmentId(tenant.tenancyId)
                        .limit(1000)
                        .build())
                .getItems()
                .stream()
                .filter(vault -> vault.getDisplayName().equals("once")
                        || vault.getDisplayName().equals("twice"))
                .count();
        assertThat(named).isEqualTo(1);
    }

    @Test
    void badVaultRequestsAreRefusedAndMakeNothing() {
        int before = vaultCount(tenant);
        refused(
                () -> tenant.kmsVaults.createVault(CreateVaultRequest.builder()
                        .createVaultDetails(CreateVaultDetails.builder()
                                .compartmentId(stranger.tenancyId)
                                .displayName("theirs")
                                .vaultType(CreateVaultDetails.VaultType.Default)
                                .build())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> tenant.kmsVaults.createVault(CreateVaultRequest.builder()
                        .createVaultDetails(CreateVaultDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("")
                                .vaultType(CreateVaultDetails.VaultType.Default)
                                .build())
                        .build()),
                400,
                "MissingParameter");
        refused(
                () -> tenant.kmsVaults.getVault(GetVaultRequest.builder()
                        .vaultId("ocid1.vault.oc1.coffer.doesnotexist00000000000000")
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        assertThat(vaultCount(tenant)).isEqualTo(before);
    }

    @Test
    void masterKeysAreAes256AndRotateIntoNewVersions() {
        Vault vault = createVault(tenant, "keys");
        KmsManagementClient kms = tenant.kms(vault.getManagementEndpoint());
        Key key = kms.createKey(CreateKeyRequest.builder()
                        .createKeyDetails(CreateKeyDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("master")
                                .protectionMode(CreateKeyDetails.ProtectionMode.Hsm)
                                .keyShape(KeyShape.builder()
                                        .algorithm(KeyShape.Algorithm.Aes)
                                        .length(32)
                                        .build())
                                .build())
                        .build())
                .getKey();
        assertThat(key.getId()).startsWith("ocid1.key.");
        assertThat(key.getLifecycleState()).isEqualTo(Key.LifecycleState.Enabled);
        assertThat(key.getVaultId()).isEqualTo(vault.getId());
        assertThat(key.getKeyShape().getLength()).isEqualTo(32);
        String firstVersion = key.getCurrentKeyVersion();
        assertThat(firstVersion).startsWith("ocid1.keyversion.");

        assertThat(kms.listKeys(ListKeysRequest.builder()
                                .compartmentId(tenant.tenancyId)
                                .build())
                        .getItems())
                .extracting(summary -> summary.getId())
                .containsExactly(key.getId());
        Key renamed = kms.updateKey(UpdateKeyRequest.builder()
                        .keyId(key.getId())
                        .updateKeyDetails(UpdateKeyDetails.builder()
                                .displayName("master-2")
                                .build())
                        .build())
                .getKey();
        assertThat(renamed.getDisplayName()).isEqualTo("master-2");

        KeyVersion rotated = kms.createKeyVersion(
                        CreateKeyVersionRequest.builder().keyId(key.getId()).build())
                .getKeyVersion();
        assertThat(rotated.getKeyId()).isEqualTo(key.getId());
        assertThat(kms.getKey(GetKeyRequest.builder().keyId(key.getId()).build())
                        .getKey()
                        .getCurrentKeyVersion())
                .isEqualTo(rotated.getId());
        assertThat(kms.listKeyVersions(ListKeyVersionsRequest.builder()
                                .keyId(key.getId())
                                .build())
                        .getItems())
                .extracting(KeyVersionSummary::getId)
                .containsExactlyInAnyOrder(firstVersion, rotated.getId());
        assertThat(kms.getKeyVersion(GetKeyVersionRequest.builder()
                                .keyId(key.getId())
                                .keyVersionId(firstVersion)
                                .build())
                        .getKeyVersion()
                        .getLifecycleState())
                .isEqualTo(KeyVersion.LifecycleState.Enabled);

        refused(
                () -> kms.createKey(CreateKeyRequest.builder()
                        .createKeyDetails(CreateKeyDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("rsa")
                                .keyShape(KeyShape.builder()
                                        .algorithm(KeyShape.Algorithm.Rsa)
                                        .length(256)
                                        .build())
                                .build())
                        .build()),
                400,
                "InvalidParameter");
        refused(
                () -> kms.createKey(CreateKeyRequest.builder()
                        .createKeyDetails(CreateKeyDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName("aes128")
                                .keyShape(KeyShape.builder()
                                        .algorithm(KeyShape.Algorithm.Aes)
                                        .length(16)
                                        .build())
                                .build())
                        .build()),
                400,
                "InvalidParameter");
        assertThat(kms.listKeys(ListKeysRequest.builder()
                                .compartmentId(tenant.tenancyId)
                                .build())
                        .getItems())
                .hasSize(1);

        KmsManagementClient strangersView = stranger.kms(vault.getManagementEndpoint());
        refused(
                () -> strangersView.getKey(
                        GetKeyRequest.builder().keyId(key.getId()).build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> strangersView.createKey(CreateKeyRequest.builder()
                        .createKeyDetails(CreateKeyDetails.builder()
                                .compartmentId(stranger.tenancyId)
                                .displayName("intruder")
                                .keyShape(KeyShape.builder()
                                        .algorithm(KeyShape.Algorithm.Aes)
                                        .length(32)
                                        .build())
                                .build())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
    }

    static Vault createVault(Tenant owner, String name) {
        return owner.kmsVaults
                .createVault(CreateVaultRequest.builder()
                        .createVaultDetails(CreateVaultDetails.builder()
                                .compartmentId(owner.tenancyId)
                                .displayName(name)
                                .vaultType(CreateVaultDetails.VaultType.Default)
                                .build())
                        .build())
                .getVault();
    }

    private static Vault get(Vault vault) {
        return tenant.kmsVaults
                .getVault(GetVaultRequest.builder().vaultId(vault.getId()).build())
                .getVault();
    }

    private static int vaultCount(Tenant owner) {
        return owner.kmsVaults
                .listVaults(ListVaultsRequest.builder()
                        .compartmentId(owner.tenancyId)
                        .limit(1000)
                        .build())
                .getItems()
                .size();
    }
}
