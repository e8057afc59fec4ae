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
    void aStoreAddressIsItsHostPortAndDatabaseWithoutAttributes() {
        assertThat(StoreAddresses.fromUrl("jdbc:derby://127.0.0.1:1527/coffer-shard-0;create=true"))
                .isEqualTo("127.0.0.1:1527/coffer-shard-0");
        assertThat(StoreAddresses.fromUrl("jdbc:derby://127.0.0.1:24527/coffer-base"))
                .isEqualTo("127.0.0.1:24527/coffer-base");
    }
}
