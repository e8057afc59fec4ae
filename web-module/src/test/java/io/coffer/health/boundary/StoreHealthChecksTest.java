package io.coffer.health.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.routing.entity.StoreId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreHealthChecksTest {

    private static final StoreId SHARD_0 = StoreId.of("shard-0");
    private static final StoreId SHARD_1 = StoreId.of("shard-1");

    @Test
    void aHostIsReadyWhileItsBaseStoreAnswers() {
        assertThat(StoreHealthChecks.readyWith(Map.of(StoreId.BASE, "UP", SHARD_0, "UP", SHARD_1, "UP")))
                .isTrue();
    }

    @Test
    void aShardStoreThatIsDownCostsOnlyItsOwnVaultsNotTheHostsPlaceInRotation() {
        assertThat(StoreHealthChecks.readyWith(
                        Map.of(StoreId.BASE, "UP", SHARD_0, "UP", SHARD_1, "DOWN: Connection refused")))
                .isTrue();
    }

    @Test
    void aBaseStoreThatIsDownOrDidNotAnswerTakesTheHostOut() {
        assertThat(StoreHealthChecks.readyWith(Map.of(StoreId.BASE, "DOWN: no answer within 3000 ms", SHARD_0, "UP")))
                .isFalse();
        assertThat(StoreHealthChecks.readyWith(Map.of(SHARD_0, "UP"))).isFalse();
    }
}
