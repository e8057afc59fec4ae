package io.coffer.shard.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.routing.entity.StoreId;
import org.junit.jupiter.api.Test;

/** Which cell serves a store, and how a store's address reads. */
class ShardAddressingTest {

    @Test
    void theBaseCellServesTheBaseStoreAndTheFirstShardEveryOtherShardHasItsOwn() {
        assertThat(Cells.of(StoreId.BASE)).isEqualTo("cell-0");
        assertThat(Cells.of(StoreId.of("shard-0"))).isEqualTo("cell-0");
        assertThat(Cells.of(StoreId.of("shard-3"))).isEqualTo("cell-3");
    }

    @Test
    void aShardWithoutACellOfItsOwnYetIsServedByTheCellOfTheHostsThatHaveIt() {
        var servedHere = java.util.List.of(StoreId.of("shard-0"), StoreId.of("shard-1"));

        assertThat(Cells.serving(StoreId.of("shard-1"), servedHere, "cell-0")).isEqualTo("cell-0");
        assertThat(Cells.serving(StoreId.BASE, servedHere, "cell-0")).isEqualTo("cell-0");
        assertThat(Cells.serving(StoreId.of("shard-2"), servedHere, "cell-0")).isEqualTo("cell-2");
    }

    @Test
    void aStoreAddressIsItsHostPortAndDatabaseWithoutAttributes() {
        assertThat(StoreAddresses.fromUrl("jdbc:derby://127.0.0.1:1527/coffer-shard-0;create=true"))
                .isEqualTo("127.0.0.1:1527/coffer-shard-0");
        assertThat(StoreAddresses.fromUrl("jdbc:derby://127.0.0.1:24527/coffer-base"))
                .isEqualTo("127.0.0.1:24527/coffer-base");
    }
}
