package io.coffer.cell.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwningResourcesTest {

    private static final String VAULT = "ocid1.vault.oc1.coffer.abcdefghijklmnopqrstuvwxyz";
    private static final String SECRET = "ocid1.vaultsecret.oc1.coffer.abcdefghijklmnopqrstuvwxyz";
    private static final byte[] NONE = new byte[0];

    @ParameterizedTest
    @CsvSource({
        "GET, /20180608/vaults/" + VAULT + ", " + VAULT,
        "PUT, 20180608/vaults/" + VAULT + ", " + VAULT,
        "POST, /20180608/vaults/" + VAULT + "/actions/scheduleDeletion, " + VAULT,
        "GET, /kms/" + VAULT + "/20180608/keys, " + VAULT,
        "POST, /kms/" + VAULT + "/20180608/keys/ocid1.key.oc1.coffer.abcdefghijklmnop/keyVersions, " + VAULT,
        "GET, /20180608/secrets/" + SECRET + ", " + SECRET,
        "POST, /20180608/secrets/" + SECRET + "/version/3/actions/scheduleDeletion, " + SECRET,
        "GET, /20190301/secretbundles/" + SECRET + ", " + SECRET,
        "GET, /20190301/secretbundles/" + SECRET + "/versions, " + SECRET,
    })
    void aRequestNamingAVaultOrASecretInItsPathGoesByIt(String method, String path, String owner) {
        assertThat(OwningResources.of(method, path, null, NONE)).contains(owner);
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /20180608/vaults",
        "GET, /20180608/vaults",
        "GET, /20180608/secrets",
        "GET, /admin/v1/shards",
        "GET, /v1/replication/hosts",
        "GET, /console/console.css",
        "GET, /20180608/secrets/not-an-ocid",
        "GET, /20190301/secretbundles/",
        "GET, /kms/" + VAULT + "/20180609/keys",
        "GET, /kms/" + VAULT,
    })
    void aRequestNamingNeitherIsServedWhereItArrives(String method, String path) {
        assertThat(OwningResources.of(method, path, "compartmentId=ocid1.tenancy.oc1..aaaaaaaaaaaa", NONE))
                .isEmpty();
    }

    @Test
    void listingSecretsGoesByTheVaultInTheQuery() {
        assertThat(OwningResources.of(
                        "GET",
                        "/20180608/secrets",
                        "compartmentId=ocid1.tenancy.oc1..aaaaaaaaaaaa&vaultId=" + VAULT,
                        NONE))
                .contains(VAULT);
        assertThat(OwningResources.of(
                        "GET", "/20180608/secrets", "vaultId=ocid1.vault.oc1.coffer.ab%63defghijkl", NONE))
                .as("decoded")
                .contains("ocid1.vault.oc1.coffer.abcdefghijkl");
        assertThat(OwningResources.of("GET", "/20180608/secrets", "vaultId=%zz", NONE))
                .isEmpty();
        assertThat(OwningResources.of("GET", "/20180608/secrets", "vaultIdx=" + VAULT, NONE))
                .isEmpty();
    }

    @Test
    void creatingASecretAndReadingOneByNameGoByTheVaultInTheBody() {
        byte[] create = ("{\"compartmentId\": \"ocid1.tenancy.oc1..aaaaaaaaaaaa\", \"vaultId\": \"" + VAULT
                        + "\", \"secretName\": \"db\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(OwningResources.of("POST", "/20180608/secrets", null, create))
                .contains(VAULT);
        assertThat(OwningResources.of("POST", "/20190301/secretbundles/actions/getByName", null, create))
                .contains(VAULT);
    }

    @Test
    void aBodyWithoutAUsableVaultIdIsLeftToTheHostThatReceivedIt() {
        for (String body : new String[] {
            "",
            "{",
            "[1, 2]",
            "\"text\"",
            "{\"vaultId\": 7}",
            "{\"vaultId\": \"x\"}",
            "{\"nested\": {\"vaultId\": \"" + VAULT + "\"}}"
        }) {
            assertThat(OwningResources.of("POST", "/20180608/secrets", null, body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isEmpty();
        }
    }
}
