package io.coffer.vault.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.IncorrectStateException;
import io.coffer.resource.entity.ResourceTags;
import io.coffer.routing.entity.StoreId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VaultTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static Vault pendingDeletionAt(Instant when) {
        Vault vault = new Vault(
                "ocid1.tenancy.oc1..t",
                "ocid1.tenancy.oc1..t",
                "vault",
                null,
                StoreId.of("shard-0"),
                ResourceTags.of("a vault", null, null),
                NOW);
        vault.scheduleDeletion(when, NOW);
        return vault;
    }

    @Test
    void aDeletionStillToComeCanBeCancelled() {
        Instant when = NOW.plus(Duration.ofDays(7));
        Vault vault = pendingDeletionAt(when);

        vault.cancelDeletion(when.minusMillis(1));

        assertThat(vault.state()).isEqualTo(VaultState.ACTIVE);
        assertThat(vault.deletionDue(when)).isFalse();
    }

    @Test
    void aDeletionThatIsDueIsUnderWayAndCannotBeCancelled() {
        // the vault's keys and secrets may already be deleted on its shard: an ACTIVE vault must not come back empty
        Instant when = NOW.plus(Duration.ofDays(7));
        Vault vault = pendingDeletionAt(when);

        assertThatThrownBy(() -> vault.cancelDeletion(when))
                .isInstanceOf(IncorrectStateException.class)
                .hasMessageContaining("it is being deleted");
        assertThat(vault.state()).isEqualTo(VaultState.PENDING_DELETION);
    }
}
