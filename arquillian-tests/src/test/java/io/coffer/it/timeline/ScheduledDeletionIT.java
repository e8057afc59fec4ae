package io.coffer.it.timeline;

import static io.coffer.it.support.OciErrors.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.keymanagement.model.Key;
import com.oracle.bmc.keymanagement.model.ScheduleVaultDeletionDetails;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.GetKeyRequest;
import com.oracle.bmc.keymanagement.requests.GetVaultRequest;
import com.oracle.bmc.keymanagement.requests.ScheduleVaultDeletionRequest;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.ScheduleSecretDeletionDetails;
import com.oracle.bmc.vault.model.ScheduleSecretVersionDeletionDetails;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.GetSecretVersionRequest;
import com.oracle.bmc.vault.requests.ScheduleSecretDeletionRequest;
import com.oracle.bmc.vault.requests.ScheduleSecretVersionDeletionRequest;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled deletions happen when their time comes: the test install's business clock is moved forward (POST
 * /admin/v1/clock) past the deletion times, and the secrets, versions and vaults go. Runs after the other tests of
 * the domain: the clock only moves forward.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScheduledDeletionIT {

    private static final String URL = System.getProperty("coffer.it.url");

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @Test
    void deletionsHappenWhenTheClockReachesThem() {
        Operator operator =
                Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
        Secrets mine = Secrets.in(Tenant.create(operator, URL, "timeline"));
        String name = "doomed-" + UUID.randomUUID().toString().substring(0, 6);
        Secret doomed = mine.create(name, "short-lived");
        mine.tenant.vaults.scheduleSecretDeletion(ScheduleSecretDeletionRequest.builder()
                .secretId(doomed.getId())
                .scheduleSecretDeletionDetails(ScheduleSecretDeletionDetails.builder()
                        .timeOfDeletion(inDays(2))
                        .build())
                .build());

        Secret versioned =
                mine.create("versioned-" + UUID.randomUUID().toString().substring(0, 6), "v1");
        for (String next : new String[] {"v2", "v3"}) {
            mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                    .secretId(versioned.getId())
                    .updateSecretDetails(UpdateSecretDetails.builder()
                            .secretContent(Base64SecretContentDetails.builder()
                                    .content(Secrets.base64(next))
                                    .build())
                            .build())
                    .build());
            mine.active(versioned.getId());
        }
        mine.tenant.vaults.scheduleSecretVersionDeletion(ScheduleSecretVersionDeletionRequest.builder()
                .secretId(versioned.getId())
                .secretVersionNumber(1L)
                .scheduleSecretVersionDeletionDetails(ScheduleSecretVersionDeletionDetails.builder()
                        .timeOfDeletion(inDays(2))
                        .build())
                .build());

        Secret expiring = mine.active(mine.tenant
                .vaults
                .createSecret(com.oracle.bmc.vault.requests.CreateSecretRequest.builder()
                        .createSecretDetails(mine.details(
                                        "expiring-"
                                                + UUID.randomUUID().toString().substring(0, 6),
                                        "soon stale")
                                .secretRules(java.util.List.of(com.oracle.bmc.vault.model.SecretExpiryRule.builder()
                                        .secretVersionExpiryInterval("P1D")
                                        .isSecretContentRetrievalBlockedOnExpiry(true)
                                        .build()))
                                .build())
                        .build())
                .getSecret()
                .getId());
        assertThat(mine.tenant
                        .secrets
                        .getSecretBundle(GetSecretBundleRequest.builder()
                                .secretId(expiring.getId())
                                .build())
                        .getSecretBundle()
                        .getTimeOfExpiry())
                .isNotNull();

        Secrets other = Secrets.in(mine.tenant);
        Secret inDoomedVault =
                other.create("inside-" + UUID.randomUUID().toString().substring(0, 6), "goes with the vault");
        mine.tenant.kmsVaults.scheduleVaultDeletion(ScheduleVaultDeletionRequest.builder()
                .vaultId(other.vault.getId())
                .scheduleVaultDeletionDetails(ScheduleVaultDeletionDetails.builder()
                        .timeOfDeletion(inDays(8))
                        .build())
                .build());

        Reply advanced = operator.post(URL + "/admin/v1/clock", "{\"advance\":\"P9D\"}");
        assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
        assertThat(advanced.json().getString("offset")).isNotEqualTo("PT0S");

        await(() -> mine.get(doomed.getId()).getLifecycleState() == Secret.LifecycleState.Deleted);
        refused(
                () -> mine.tenant.secrets.getSecretBundle(GetSecretBundleRequest.builder()
                        .secretId(doomed.getId())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        await(() -> {
            try {
                mine.tenant.vaults.getSecretVersion(GetSecretVersionRequest.builder()
                        .secretId(versioned.getId())
                        .secretVersionNumber(1L)
                        .build());
                return false;
            } catch (com.oracle.bmc.model.BmcException gone) {
                return gone.getStatusCode() == 404;
            }
        });
        assertThat(mine.get(versioned.getId()).getCurrentVersionNumber()).isEqualTo(3);
        await(() -> mine.tenant
                        .kmsVaults
                        .getVault(GetVaultRequest.builder()
                                .vaultId(other.vault.getId())
                                .build())
                        .getVault()
                        .getLifecycleState()
                == Vault.LifecycleState.Deleted);
        assertThat(mine.tenant
                        .kms(other.vault.getManagementEndpoint())
                        .getKey(GetKeyRequest.builder().keyId(other.key.getId()).build())
                        .getKey()
                        .getLifecycleState())
                .isEqualTo(Key.LifecycleState.Deleted);
        assertThat(other.get(inDoomedVault.getId()).getLifecycleState()).isEqualTo(Secret.LifecycleState.Deleted);

        refused(
                () -> mine.tenant.secrets.getSecretBundle(GetSecretBundleRequest.builder()
                        .secretId(expiring.getId())
                        .build()),
                409,
                "IncorrectState");

        Secret reborn = mine.create(name, "the name is free again");
        assertThat(reborn.getId()).isNotEqualTo(doomed.getId());
        Reply refusedAdvance = operator.post(URL + "/admin/v1/clock", "{\"advance\":\"-P1D\"}");
        assertThat(refusedAdvance.status()).isEqualTo(400);
    }

    private static Date inDays(int days) {
        return Date.from(Instant.now().plus(Duration.ofDays(days)));
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Http.sleep(500);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 45 s").isTrue();
    }
}
