package io.coffer.vault.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.ServiceUnavailableException;
import io.coffer.routing.entity.StoreId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardPlacementTest {

    private static final StoreId ZERO = StoreId.of("shard-0");
    private static final StoreId ONE = StoreId.of("shard-1");
    private static final StoreId TWO = StoreId.of("shard-2");

    @Test
    void aNewVaultGoesToTheOpenShardHoldingTheFewestVaults() {
        assertThat(ShardPlacement.choose(List.of(ZERO, ONE, TWO), Map.of(ZERO, 5L, ONE, 3L, TWO, 4L), Set.of()))
                .isEqualTo(ONE);
        assertThat(ShardPlacement.choose(List.of(ZERO, ONE, TWO), Map.of(ZERO, 5L, ONE, 3L, TWO, 4L), Set.of(ONE)))
                .isEqualTo(TWO);
    }

    @Test
    void aShardWithoutVaultsCountsAsEmptyAndTiesGoToTheFirstByName() {
        assertThat(ShardPlacement.choose(List.of(TWO, ONE, ZERO), Map.of(ZERO, 1L), Set.of()))
                .isEqualTo(ONE);
    }

    @Test
    void noOpenShardIsAServiceUnavailableNotAClientMistake() {
        assertThatThrownBy(() -> ShardPlacement.choose(List.of(ZERO, ONE), Map.of(), Set.of(ZERO, ONE)))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("no shard accepts new vaults");
        assertThatThrownBy(() -> ShardPlacement.choose(List.of(), Map.of(), Set.of()))
                .isInstanceOf(ServiceUnavailableException.class);
    }
}
