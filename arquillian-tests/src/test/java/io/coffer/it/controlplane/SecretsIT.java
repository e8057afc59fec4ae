package io.coffer.it.controlplane;

import static io.coffer.it.support.OciErrors.refused;
import static io.coffer.it.support.Secrets.base64;
import static io.coffer.it.support.Secrets.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.secrets.model.Base64SecretBundleContentDetails;
import com.oracle.bmc.secrets.model.SecretBundle;
import com.oracle.bmc.secrets.requests.GetSecretBundleRequest;
import com.oracle.bmc.vault.model.Base64SecretContentDetails;
import com.oracle.bmc.vault.model.ChangeSecretCompartmentDetails;
import com.oracle.bmc.vault.model.PassphraseGenerationContext;
import com.oracle.bmc.vault.model.ScheduleSecretDeletionDetails;
import com.oracle.bmc.vault.model.ScheduleSecretVersionDeletionDetails;
import com.oracle.bmc.vault.model.Secret;
import com.oracle.bmc.vault.model.SecretContentDetails;
import com.oracle.bmc.vault.model.SecretReuseRule;
import com.oracle.bmc.vault.model.SecretSummary;
import com.oracle.bmc.vault.model.SecretVersion;
import com.oracle.bmc.vault.model.SecretVersionSummary;
import com.oracle.bmc.vault.model.UpdateSecretDetails;
import com.oracle.bmc.vault.requests.CancelSecretDeletionRequest;
import com.oracle.bmc.vault.requests.CancelSecretVersionDeletionRequest;
import com.oracle.bmc.vault.requests.ChangeSecretCompartmentRequest;
import com.oracle.bmc.vault.requests.CreateSecretRequest;
import com.oracle.bmc.vault.requests.GetSecretRequest;
import com.oracle.bmc.vault.requests.GetSecretVersionRequest;
import com.oracle.bmc.vault.requests.ListSecretVersionsRequest;
import com.oracle.bmc.vault.requests.ListSecretsRequest;
import com.oracle.bmc.vault.requests.RotateSecretRequest;
import com.oracle.bmc.vault.requests.ScheduleSecretDeletionRequest;
import com.oracle.bmc.vault.requests.ScheduleSecretVersionDeletionRequest;
import com.oracle.bmc.vault.requests.UpdateSecretRequest;
import com.oracle.bmc.vault.responses.ListSecretsResponse;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Vaults service's secret operations through the official SDK (vault 3.79.0) against the deployed EAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretsIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static Secrets mine;
    private static Secrets theirs;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void tenants() {
        Operator operator =
                Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "secrets"));
        theirs = Secrets.in(Tenant.create(operator, URL, "neighbour"));
    }

    @Test
    void aSecretIsCreatedActivatedAndChangedIntoNewVersionsWithStages() {
        Secret created = mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(mine.details("db-password", "first")
                                .description("the database")
                                .metadata(Map.of("owner", "payments"))
                                .freeformTags(Map.of("team", "payments"))
                                .build())
                        .build())
                .getSecret();
        assertThat(created.getId()).startsWith("ocid1.vaultsecret.");
        // the answer is built in the write's own transaction: no host can have applied the secret yet
        assertThat(created.getLifecycleState()).isEqualTo(Secret.LifecycleState.Creating);
        Secret active = mine.active(created.getId());
        assertThat(active.getMetadata()).containsEntry("owner", "payments");
        assertThat(active.getFreeformTags()).containsEntry("team", "payments");
        assertThat(active.getCurrentVersionNumber()).isEqualTo(1);

        update(
                active.getId(),
                UpdateSecretDetails.builder()
                        .secretContent(content("second", null))
                        .build());
        update(
                active.getId(),
                UpdateSecretDetails.builder()
                        .secretContent(content("third", SecretContentDetails.Stage.Pending))
                        .build());
        assertThat(stages(active.getId(), 1)).containsExactly(SecretVersion.Stages.Previous);
        assertThat(stages(active.getId(), 2)).containsExactlyInAnyOrder(SecretVersion.Stages.Current);
        assertThat(stages(active.getId(), 3))
                .containsExactlyInAnyOrder(SecretVersion.Stages.Pending, SecretVersion.Stages.Latest);
        assertThat(mine.get(active.getId()).getCurrentVersionNumber()).isEqualTo(2);

        update(
                active.getId(),
                UpdateSecretDetails.builder().currentVersionNumber(3L).build());
        assertThat(stages(active.getId(), 3)).contains(SecretVersion.Stages.Current);
        assertThat(stages(active.getId(), 2)).containsExactly(SecretVersion.Stages.Previous);
        assertThat(stages(active.getId(), 1)).containsExactly(SecretVersion.Stages.Deprecated);
        assertThat(bundle(active.getId())).isEqualTo("third");

        List<SecretVersionSummary> versions = mine.tenant
                .vaults
                .listSecretVersions(ListSecretVersionsRequest.builder()
                        .secretId(active.getId())
                        .build())
                .getItems();
        assertThat(versions).extracting(SecretVersionSummary::getVersionNumber).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void secretsAreListedFilteredSortedAndPaged() {
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (String name : List.of("c", "a", "b")) {
            mine.create(prefix + name, "content " + name);
        }
        List<String> names = new ArrayList<>();
        String page = null;
        do {
            ListSecretsResponse response = mine.tenant.vaults.listSecrets(ListSecretsRequest.builder()
                    .compartmentId(mine.tenant.tenancyId)
                    .vaultId(mine.vault.getId())
                    .sortBy(ListSecretsRequest.SortBy.Name)
                    .sortOrder(ListSecretsRequest.SortOrder.Asc)
                    .limit(2)
                    .page(page)
                    .build());
            response.getItems().stream()
                    .map(SecretSummary::getSecretName)
                    .filter(name -> name.startsWith(prefix))
                    .forEach(names::add);
            page = response.getOpcNextPage();
        } while (page != null);
        assertThat(names).containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(mine.tenant
                        .vaults
                        .listSecrets(ListSecretsRequest.builder()
                                .compartmentId(mine.tenant.tenancyId)
                                .name(prefix + "b")
                                .build())
                        .getItems())
                .extracting(SecretSummary::getSecretName)
                .containsExactly(prefix + "b");
        assertThat(mine.tenant
                        .vaults
                        .listSecrets(ListSecretsRequest.builder()
                                .compartmentId(mine.tenant.tenancyId)
                                .lifecycleState(SecretSummary.LifecycleState.PendingDeletion)
                                .build())
                        .getItems())
                .extracting(SecretSummary::getSecretName)
                .noneMatch(name -> name.startsWith(prefix));
        assertThat(theirs.tenant
                        .vaults
                        .listSecrets(ListSecretsRequest.builder()
                                .compartmentId(theirs.tenant.tenancyId)
                                .build())
                        .getItems())
                .extracting(SecretSummary::getSecretName)
                .noneMatch(name -> name.startsWith(prefix));
    }

    @Test
    void deletionsAreScheduledAndCancelledForSecretsAndVersions() {
        Secret secret = mine.create("to-delete-" + UUID.randomUUID().toString().substring(0, 6), "v1");
        update(
                secret.getId(),
                UpdateSecretDetails.builder().secretContent(content("v2", null)).build());
        update(
                secret.getId(),
                UpdateSecretDetails.builder().secretContent(content("v3", null)).build());

        refused(
                () -> mine.tenant.vaults.scheduleSecretVersionDeletion(ScheduleSecretVersionDeletionRequest.builder()
                        .secretId(secret.getId())
                        .secretVersionNumber(3L)
                        .scheduleSecretVersionDeletionDetails(ScheduleSecretVersionDeletionDetails.builder()
                                .timeOfDeletion(inDays(5))
                                .build())
                        .build()),
                409,
                "IncorrectState");
        mine.tenant.vaults.scheduleSecretVersionDeletion(ScheduleSecretVersionDeletionRequest.builder()
                .secretId(secret.getId())
                .secretVersionNumber(1L)
                .scheduleSecretVersionDeletionDetails(ScheduleSecretVersionDeletionDetails.builder()
                        .timeOfDeletion(inDays(5))
                        .build())
                .build());
        assertThat(version(secret.getId(), 1).getTimeOfDeletion()).isNotNull();
        mine.tenant.vaults.cancelSecretVersionDeletion(CancelSecretVersionDeletionRequest.builder()
                .secretId(secret.getId())
                .secretVersionNumber(1L)
                .build());
        assertThat(version(secret.getId(), 1).getTimeOfDeletion()).isNull();

        refused(
                () -> mine.tenant.vaults.scheduleSecretDeletion(ScheduleSecretDeletionRequest.builder()
                        .secretId(secret.getId())
                        .scheduleSecretDeletionDetails(ScheduleSecretDeletionDetails.builder()
                                .timeOfDeletion(inDays(40))
                                .build())
                        .build()),
                400,
                "InvalidParameter");
        mine.tenant.vaults.scheduleSecretDeletion(ScheduleSecretDeletionRequest.builder()
                .secretId(secret.getId())
                .scheduleSecretDeletionDetails(ScheduleSecretDeletionDetails.builder()
                        .timeOfDeletion(inDays(10))
                        .build())
                .build());
        Secret pending = mine.get(secret.getId());
        assertThat(pending.getLifecycleState()).isEqualTo(Secret.LifecycleState.PendingDeletion);
        refused(
                () -> update(
                        secret.getId(),
                        UpdateSecretDetails.builder().description("late").build()),
                409,
                "IncorrectState");
        mine.tenant.vaults.cancelSecretDeletion(
                CancelSecretDeletionRequest.builder().secretId(secret.getId()).build());
        assertThat(mine.get(secret.getId()).getLifecycleState()).isEqualTo(Secret.LifecycleState.Active);
        assertThat(mine.get(secret.getId()).getTimeOfDeletion()).isNull();
    }

    @Test
    void anAutoGeneratedSecretRotatesAndAnUploadedOneDoesNot() {
        Secret generated = mine.active(mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(mine.details(
                                        "generated-"
                                                + UUID.randomUUID().toString().substring(0, 6),
                                        "ignored")
                                .secretContent(null)
                                .enableAutoGeneration(true)
                                .secretGenerationContext(PassphraseGenerationContext.builder()
                                        .generationTemplate(
                                                PassphraseGenerationContext.GenerationTemplate.SecretsDefaultPassword)
                                        .passphraseLength(24)
                                        .build())
                                .build())
                        .build())
                .getSecret()
                .getId());
        String first = bundle(generated.getId());
        assertThat(first).hasSize(24);
        mine.tenant.vaults.rotateSecret(
                RotateSecretRequest.builder().secretId(generated.getId()).build());
        Secret rotated = mine.active(generated.getId());
        assertThat(rotated.getCurrentVersionNumber()).isEqualTo(2);
        assertThat(bundle(generated.getId())).hasSize(24).isNotEqualTo(first);

        Secret uploaded = mine.create("uploaded-" + UUID.randomUUID().toString().substring(0, 6), "by hand");
        refused(
                () -> mine.tenant.vaults.rotateSecret(
                        RotateSecretRequest.builder().secretId(uploaded.getId()).build()),
                409,
                "IncorrectState");
        assertThat(mine.get(uploaded.getId()).getCurrentVersionNumber()).isEqualTo(1);
    }

    @Test
    void theReuseRuleRefusesContentAnEarlierVersionHad() {
        Secret secret = mine.active(mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .createSecretDetails(mine.details(
                                        "reuse-" + UUID.randomUUID().toString().substring(0, 6), "alpha")
                                .secretRules(List.of(SecretReuseRule.builder()
                                        .isEnforcedOnDeletedSecretVersions(true)
                                        .build()))
                                .build())
                        .build())
                .getSecret()
                .getId());
        update(
                secret.getId(),
                UpdateSecretDetails.builder()
                        .secretContent(content("beta", null))
                        .build());
        refused(
                () -> update(
                        secret.getId(),
                        UpdateSecretDetails.builder()
                                .secretContent(content("alpha", null))
                                .build()),
                400,
                "InvalidParameter");
        assertThat(mine.get(secret.getId()).getCurrentVersionNumber()).isEqualTo(2);
        assertThat(bundle(secret.getId())).isEqualTo("beta");
    }

    @Test
    void compartmentsAreTheTenancysOwn() {
        Secret secret =
                mine.create("compartment-" + UUID.randomUUID().toString().substring(0, 6), "x");
        mine.tenant.vaults.changeSecretCompartment(ChangeSecretCompartmentRequest.builder()
                .secretId(secret.getId())
                .changeSecretCompartmentDetails(ChangeSecretCompartmentDetails.builder()
                        .compartmentId(mine.tenant.tenancyId)
                        .build())
                .build());
        refused(
                () -> mine.tenant.vaults.changeSecretCompartment(ChangeSecretCompartmentRequest.builder()
                        .secretId(secret.getId())
                        .changeSecretCompartmentDetails(ChangeSecretCompartmentDetails.builder()
                                .compartmentId(theirs.tenant.tenancyId)
                                .build())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        assertThat(mine.get(secret.getId()).getCompartmentId()).isEqualTo(mine.tenant.tenancyId);
    }

    @Test
    void badRequestsGetOciErrorsAndChangeNothing() {
        String name = "guarded-" + UUID.randomUUID().toString().substring(0, 6);
        Secret secret = mine.create(name, "original");
        int count = secretCount();

        refused(() -> create(mine.details(name + "-big", "x".repeat(25 * 1024 + 1))), 400, "InvalidParameter");
        refused(
                () -> create(mine.details(name + "-b64", "x")
                        .secretContent(Base64SecretContentDetails.builder()
                                .content("not base64!!")
                                .build())),
                400,
                "InvalidParameter");
        refused(() -> create(mine.details("bad name!", "x")), 400, "InvalidParameter");
        refused(() -> create(mine.details(name, "again")), 409, "Conflict");
        refused(
                () -> create(mine.details(name + "-key", "x").keyId(theirs.key.getId())),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> create(mine.details(name + "-vault", "x").vaultId(theirs.vault.getId())),
                404,
                "NotAuthorizedOrNotFound");
        assertThat(secretCount()).isEqualTo(count);

        String etag = mine.tenant
                .vaults
                .getSecret(GetSecretRequest.builder().secretId(secret.getId()).build())
                .getEtag();
        update(
                secret.getId(),
                UpdateSecretDetails.builder().description("changed").build());
        refused(
                () -> mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                        .secretId(secret.getId())
                        .ifMatch(etag)
                        .updateSecretDetails(UpdateSecretDetails.builder()
                                .description("stale")
                                .build())
                        .build()),
                412,
                "NoEtagMatch");
        assertThat(mine.get(secret.getId()).getDescription()).isEqualTo("changed");

        refused(
                () -> theirs.tenant.vaults.getSecret(
                        GetSecretRequest.builder().secretId(secret.getId()).build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> theirs.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                        .secretId(secret.getId())
                        .updateSecretDetails(UpdateSecretDetails.builder()
                                .description("mine now")
                                .build())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        refused(
                () -> theirs.tenant.secrets.getSecretBundle(GetSecretBundleRequest.builder()
                        .secretId(secret.getId())
                        .build()),
                404,
                "NotAuthorizedOrNotFound");
        assertThat(mine.get(secret.getId()).getDescription()).isEqualTo("changed");
        assertThat(bundle(secret.getId())).isEqualTo("original");
    }

    @Test
    void aRetriedCreateMakesOneSecretAndTheTokenCannotBeReusedForAnotherBody() {
        String name = "retried-" + UUID.randomUUID().toString().substring(0, 6);
        String token = "token-" + UUID.randomUUID();
        Secret first = mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .opcRetryToken(token)
                        .createSecretDetails(mine.details(name, "once").build())
                        .build())
                .getSecret();
        Secret replay = mine.tenant
                .vaults
                .createSecret(CreateSecretRequest.builder()
                        .opcRetryToken(token)
                        .createSecretDetails(mine.details(name, "once").build())
                        .build())
                .getSecret();
        assertThat(replay.getId()).isEqualTo(first.getId());
        refused(
                () -> mine.tenant.vaults.createSecret(CreateSecretRequest.builder()
                        .opcRetryToken(token)
                        .createSecretDetails(
                                mine.details(name + "-other", "twice").build())
                        .build()),
                409,
                "Conflict");
        assertThat(mine.tenant
                        .vaults
                        .listSecrets(ListSecretsRequest.builder()
                                .compartmentId(mine.tenant.tenancyId)
                                .name(name + "-other")
                                .build())
                        .getItems())
                .isEmpty();
        mine.active(first.getId());
        assertThat(bundle(first.getId())).isEqualTo("once");
    }

    @Test
    void concurrentWritersOfOneTenancyNeverConflict() throws Exception {
        Secrets secondVault = Secrets.in(mine.tenant);
        String prefix = "parallel-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> created = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            Secrets target = n % 2 == 0 ? mine : secondVault;
            String name = prefix + n;
            created.add(writers.submit(() -> target.tenant
                    .vaults
                    .createSecret(CreateSecretRequest.builder()
                            .createSecretDetails(
                                    target.details(name, "parallel " + name).build())
                            .build())
                    .getSecret()
                    .getId()));
        }
        List<String> ids = new ArrayList<>();
        for (java.util.concurrent.Future<String> id : created) {
            ids.add(id.get(120, java.util.concurrent.TimeUnit.SECONDS));
        }
        writers.shutdown();
        assertThat(ids).hasSize(40).doesNotHaveDuplicates();
        for (String id : ids) {
            mine.active(id);
        }
    }

    @Test
    void aSecretHoldsAtMostThirtyVersionsInUse() {
        Secret secret = mine.create("many-" + UUID.randomUUID().toString().substring(0, 6), "v1");
        for (int n = 2; n <= 30; n++) {
            update(
                    secret.getId(),
                    UpdateSecretDetails.builder()
                            .secretContent(content("v" + n, null))
                            .build());
        }
        refused(
                () -> update(
                        secret.getId(),
                        UpdateSecretDetails.builder()
                                .secretContent(content("v31", null))
                                .build()),
                400,
                "LimitExceeded");
        assertThat(mine.get(secret.getId()).getCurrentVersionNumber()).isEqualTo(30);
    }

    private static void create(com.oracle.bmc.vault.model.CreateSecretDetails.Builder details) {
        mine.tenant.vaults.createSecret(CreateSecretRequest.builder()
                .createSecretDetails(details.build())
                .build());
    }

    private static void update(String secretId, UpdateSecretDetails details) {
        mine.tenant.vaults.updateSecret(UpdateSecretRequest.builder()
                .secretId(secretId)
                .updateSecretDetails(details)
                .build());
        mine.active(secretId);
    }

    private static Base64SecretContentDetails content(String text, SecretContentDetails.Stage stage) {
        return Base64SecretContentDetails.builder()
                .content(base64(text))
                .stage(stage)
                .build();
    }

    private static List<SecretVersion.Stages> stages(String secretId, long number) {
        return version(secretId, number).getStages();
    }

    private static SecretVersion version(String secretId, long number) {
        return mine.tenant
                .vaults
                .getSecretVersion(GetSecretVersionRequest.builder()
                        .secretId(secretId)
                        .secretVersionNumber(number)
                        .build())
                .getSecretVersion();
    }

    private static String bundle(String secretId) {
        SecretBundle bundle = mine.tenant
                .secrets
                .getSecretBundle(
                        GetSecretBundleRequest.builder().secretId(secretId).build())
                .getSecretBundle();
        return text(((Base64SecretBundleContentDetails) bundle.getSecretBundleContent()).getContent());
    }

    private static int secretCount() {
        return mine.tenant
                .vaults
                .listSecrets(ListSecretsRequest.builder()
                        .compartmentId(mine.tenant.tenancyId)
                        .limit(1000)
                        .build())
                .getItems()
                .size();
    }

    private static Date inDays(int days) {
        return Date.from(Instant.now().plus(Duration.ofDays(days)));
    }
}
