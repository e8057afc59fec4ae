package io.coffer.it.controlplane;

import static io.coffer.it.support.OciErrors.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.keymanagement.model.CreateVaultDetails;
import com.oracle.bmc.keymanagement.model.Vault;
import com.oracle.bmc.keymanagement.requests.CreateVaultRequest;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Tenant;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where vaults are placed, as the operator sees and steers it: each store's cell, address and vault count, a vault's
 * shard and cell from the routing metadata, and a shard closed to new vaults.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShardPlacementIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final String SHARD = URL + "/admin/v1/shards/shard-0";
    private static Operator operator;
    private static Tenant tenant;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() {
        operator = Operator.of(Path.of(System.getProperty("coffer.it.home"))).ready(URL);
        tenant = Tenant.create(operator, URL, "placement");
    }

    /** Other tests of this server create vaults. */
    @AfterAll
    static void reopen() {
        operator.put(SHARD + "/placement", "{\"acceptsNewVaults\":true}");
    }

    @Test
    void everyStoreShowsItsCellAddressAndVaultsAndAVaultShowsWhereItLives() {
        JsonObject base = ok(operator.get(URL + "/admin/v1/shards/base"));
        assertThat(base.getString("cell")).isEqualTo("cell-0");
        assertThat(base.getString("store")).matches("127\\.0\\.0\\.1:\\d+/coffer-base");
        assertThat(base.containsKey("vaults"))
                .as("the base store holds no vaults")
                .isFalse();
        JsonObject before = ok(operator.get(SHARD));
        assertThat(before.getString("cell")).isEqualTo("cell-0");
        assertThat(before.getString("store")).matches("127\\.0\\.0\\.1:\\d+/coffer-shard-0");
        assertThat(before.getBoolean("acceptsNewVaults")).isTrue();

        Vault vault = createVault("placed");

        JsonObject after = ok(operator.get(SHARD));
        assertThat(after.getJsonNumber("vaults").longValue())
                .isEqualTo(before.getJsonNumber("vaults").longValue() + 1);
        JsonObject where = ok(operator.get(URL + "/admin/v1/vaults/" + vault.getId() + "/shard"));
        assertThat(where.getString("vaultId")).isEqualTo(vault.getId());
        assertThat(where.getString("shard")).isEqualTo("shard-0");
        assertThat(where.getString("cell")).isEqualTo("cell-0");
        assertThat(ok(operator.get(URL + "/admin/v1/shards"))
                        .getJsonArray("items")
                        .toString())
                .contains("\"cell\":\"cell-0\"", "\"acceptsNewVaults\":true");

        problem(operator.get(URL + "/admin/v1/vaults/ocid1.vault.oc1..nosuchvault/shard"), 404);
        problem(operator.get(URL + "/admin/v1/vaults/%27%20OR%201%3D1--/shard"), 404);
        // A key's id is routing metadata too, but it is not a vault.
        problem(operator.get(URL + "/admin/v1/vaults/" + tenant.tenancyId + "/shard"), 404);
    }

    @Test
    void aShardClosedToNewVaultsKeepsItsVaultsAndTakesNoNewOne() {
        Vault existing = createVault("before-closing");
        problem(operator.put(SHARD + "/placement", "{}"), 400);
        problem(operator.put(SHARD + "/placement", "{\"acceptsNewVaults\":\"no\"}"), 400);
        problem(operator.put(SHARD + "/placement", "{\"acceptsNewVaults\":false,\"extra\":1}"), 400);
        problem(operator.put(SHARD + "/placement", "not json"), 400);
        problem(operator.put(URL + "/admin/v1/shards/shard-9/placement", "{\"acceptsNewVaults\":false}"), 404);
        problem(operator.put(URL + "/admin/v1/shards/base/placement", "{\"acceptsNewVaults\":false}"), 409);
        assertThat(ok(operator.get(SHARD)).getBoolean("acceptsNewVaults")).isTrue();

        JsonObject closed = ok(operator.put(SHARD + "/placement", "{\"acceptsNewVaults\":false}"));
        assertThat(closed.getBoolean("acceptsNewVaults")).isFalse();
        long vaults = closed.getJsonNumber("vaults").longValue();
        refused(() -> createVault("refused"), 503, "ServiceUnavailable");
        assertThat(ok(operator.get(SHARD)).getJsonNumber("vaults").longValue())
                .as("a refused vault leaves nothing behind")
                .isEqualTo(vaults);
        assertThat(ok(operator.get(URL + "/admin/v1/vaults/" + existing.getId() + "/shard"))
                        .getString("shard"))
                .isEqualTo("shard-0");

        assertThat(ok(operator.put(SHARD + "/placement", "{\"acceptsNewVaults\":true}"))
                        .getBoolean("acceptsNewVaults"))
                .isTrue();
        Vault reopened = createVault("after-reopening");
        assertThat(ok(operator.get(URL + "/admin/v1/vaults/" + reopened.getId() + "/shard"))
                        .getString("shard"))
                .isEqualTo("shard-0");
    }

    private static Vault createVault(String name) {
        return tenant.kmsVaults
                .createVault(CreateVaultRequest.builder()
                        .createVaultDetails(CreateVaultDetails.builder()
                                .compartmentId(tenant.tenancyId)
                                .displayName(name)
                                .vaultType(CreateVaultDetails.VaultType.Default)
                                .build())
                        .build())
                .getVault();
    }

    private static JsonObject ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void problem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).contains("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
    }
}
