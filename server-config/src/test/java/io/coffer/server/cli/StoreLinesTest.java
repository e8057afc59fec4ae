package io.coffer.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.topology.TopologyPlan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLinesTest {

    @Test
    void statusNamesEveryStoreWithItsAddressAndTheCellServingIt() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 3, 1527, 61616, false);

        String lines = CofferCli.storeLines(plan);

        assertThat(lines)
                .containsPattern(
                        "base\\s+127\\.0\\.0\\.1:1527/coffer-base\\s+routing metadata.*cell-0: host-1 host-2 host-3")
                .containsPattern(
                        "shard-0\\s+127\\.0\\.0\\.1:1527/coffer-shard-0\\s+vaults; served by cell-0: host-1 host-2 host-3");
    }

    @Test
    void aFurtherShardIsNamedWithTheAddressOfItsOwnDerbyServer() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false, 2);

        assertThat(CofferCli.storeLines(plan))
                .containsPattern("shard-0\\s+127\\.0\\.0\\.1:1527/coffer-shard-0\\s")
                .containsPattern("shard-1\\s+127\\.0\\.0\\.1:1528/coffer-shard-1\\s+vaults;");
    }
}
