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
                .containsPattern("base\\s+127\\.0\\.0\\.1:1527/coffer-base\\s+routing metadata and identities,"
                        + " replicated to every cell\\R")
                .containsPattern(
                        "shard-0\\s+127\\.0\\.0\\.1:1527/coffer-shard-0\\s+vaults; served by cell-0: host-1 host-2 host-3\\R");
    }

    @Test
    void eachShardIsServedByTheHostsOfItsOwnCell() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 2, 1527, 61616, false, 2);

        assertThat(CofferCli.storeLines(plan))
                .containsPattern("base\\s+127\\.0\\.0\\.1:1527/coffer-base\\s+routing metadata and identities,"
                        + " replicated to every cell\\R")
                .containsPattern(
                        "shard-0\\s+127\\.0\\.0\\.1:1527/coffer-shard-0\\s+vaults; served by cell-0: host-1 host-2\\R")
                .containsPattern(
                        "shard-1\\s+127\\.0\\.0\\.1:1528/coffer-shard-1\\s+vaults; served by cell-1: host-3 host-4\\R");
    }

    @Test
    void startListsEveryHostWithItsCellTheBaseCellsHost1First() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 2, 1527, 61616, false, 2);

        assertThat(CofferCli.hostLines(plan))
                .hasSize(4)
                .satisfies(lines -> assertThat(lines.get(0))
                        .startsWith("  host-1 (host of cell-0)  API http://127.0.0.1:8080   console"))
                .satisfies(lines -> assertThat(lines.get(2))
                        .startsWith("  host-3 (host of cell-1)  API http://127.0.0.1:8280")
                        .endsWith("cell-internal https://127.0.0.1:8243"));
        assertThat(CofferCli.size(plan)).isEqualTo("4 hosts, 2 per cell, a cell for each of 2 shards");
    }

    @Test
    void oneShardsTopologyIsDescribedAsBefore() {
        TopologyPlan plan = new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 3, 1527, 61616, false);

        assertThat(CofferCli.size(plan)).isEqualTo("3 hosts");
        assertThat(CofferCli.size(new TopologyPlan(Path.of("/tmp/coffer-test"), 8000, 1, 1527, 61616, false)))
                .isEqualTo("1 host");
        assertThat(CofferCli.hostLines(plan))
                .allSatisfy(line -> assertThat(line).contains("(host of cell-0)"));
    }
}
