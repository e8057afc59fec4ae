package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostNodeTest {

    @Test
    void aBaseCellHostKeepsTheConfigurationKeyItHadBeforeThereWereMoreCells(@TempDir Path home) {
        TopologyPlan plan = new TopologyPlan(home, 8000, 1, 1527, 61616, false);

        assertThat(node(plan, 1).configurationKey())
                .isEqualTo("v2 derby=1527 broker=tcp://127.0.0.1:61616 members=127.0.0.1:8049 home=" + plan.home()
                        + " portBase=8000 adjustableClock=false");
    }

    @Test
    void aHostOfAnotherCellIsMadeAgainWhenItsCellChanges(@TempDir Path home) {
        // before there were more cells, --hosts 2 --shards 2 had both hosts in cell-0 with this very data grid
        TopologyPlan plan = new TopologyPlan(home, 8000, 1, 1527, 61616, false, 2);

        assertThat(node(plan, 1).configurationKey()).doesNotContain("cell=");
        assertThat(node(plan, 2).configurationKey()).endsWith(" shards=2 cell=cell-1");
    }

    private static HostNode node(TopologyPlan plan, int index) {
        return new HostNode(plan, plan.host(index), new BuildArtifacts(Path.of("/tmp/coffer-checkout")));
    }
}
