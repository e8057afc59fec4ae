package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.coffer.server.topology.TopologyPlan.HostPlan;
import io.coffer.server.topology.TopologyPlan.StoreServerPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologyPlanTest {

    private static final Path HOME = Path.of("/tmp/coffer-test");

    @Test
    void oneShardIsWhatEveryInstallHadOneDerbyServerForTheBaseStoreAndShard0() {
        TopologyPlan plan = new TopologyPlan(HOME, 8000, 1, 1527, 61616, false);

        assertThat(plan.shards()).isEqualTo(1);
        assertThat(plan.remoteStores()).containsExactly("base", "shard-0");
        assertThat(plan.storeServers())
                .singleElement()
                .isEqualTo(new StoreServerPlan(
                        "base",
                        1527,
                        HOME.resolve("derby"),
                        HOME.resolve("run/derby.pid"),
                        HOME.resolve("logs/derby.log"),
                        List.of("base", "shard-0")));
    }

    @Test
    void everyFurtherShardHasADerbyServerOfItsOwnWithItsPortAndDataFolder() {
        TopologyPlan plan = new TopologyPlan(HOME, 8000, 2, 1527, 61616, false, 3);

        assertThat(plan.shardNames()).containsExactly("shard-0", "shard-1", "shard-2");
        assertThat(plan.storeServers())
                .extracting(
                        StoreServerPlan::name, StoreServerPlan::port, StoreServerPlan::home, StoreServerPlan::stores)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "base", 1527, HOME.resolve("derby"), List.of("base", "shard-0")),
                        org.assertj.core.groups.Tuple.tuple(
                                "shard-1", 1528, HOME.resolve("derby-shard-1"), List.of("shard-1")),
                        org.assertj.core.groups.Tuple.tuple(
                                "shard-2", 1529, HOME.resolve("derby-shard-2"), List.of("shard-2")));
        assertThat(plan.storeServerOf("shard-0").port()).isEqualTo(1527);
        assertThat(plan.storeServerOf("shard-2").pidFile()).isEqualTo(HOME.resolve("run/derby-shard-2.pid"));
        assertThatThrownBy(() -> plan.storeServerOf("shard-3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shardsAreBetweenOneAndTheMostAndTheirPortsFit() {
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 1, 1527, 61616, false, 0))
                .hasMessageContaining("--shards must be between 1 and");
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 1, 1527, 61616, false, TopologyPlan.MAX_SHARDS + 1))
                .hasMessageContaining("--shards must be between 1 and");
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 1, 65535, 61616, false, 2))
                .hasMessageContaining("--derby-port leads to port 65536");
    }

    @Test
    void theShardsAreRememberedForTheNextStartStopAndStatus(@TempDir Path home) throws Exception {
        TopologyState.save(new TopologyPlan(home, 8000, 1, 1527, 61616, false, 2));

        assertThat(TopologyState.plan(home, null, null, null, null, null).shards())
                .isEqualTo(2);
        assertThat(TopologyState.plan(home, null, null, null, null, null, 3).shards())
                .isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} hosts per cell, {1} shards")
    @CsvSource({"9, 1", "3, 3", "1, 8"})
    void noTwoPortsOfTheLargestTopologiesCollideTheCellListenersIncluded(int hostsPerCell, int shards) {
        TopologyPlan plan = new TopologyPlan(
                Path.of("/tmp/coffer"),
                TopologyPlan.DEFAULT_PORT_BASE,
                hostsPerCell,
                TopologyPlan.DEFAULT_DERBY_PORT,
                TopologyPlan.DEFAULT_BROKER_PORT,
                false,
                shards);

        List<Integer> ports = plan.hostPlans().stream()
                .flatMap(host -> host.ports().stream())
                .map(TopologyPlan.NamedPort::port)
                .toList();

        assertThat(plan.hostPlans()).hasSize(hostsPerCell * shards);
        assertThat(ports).doesNotHaveDuplicates().doesNotContain(plan.brokerPort());
        assertThat(ports)
                .doesNotContainAnyElementsOf(
                        plan.storeServers().stream().map(StoreServerPlan::port).toList());
        assertThat(plan.host(1).cellPort()).isEqualTo(8043);
        assertThat(plan.host(3).cellUrl()).isEqualTo("https://127.0.0.1:8243");
        assertThat(plan.host(1).ports())
                .extracting(TopologyPlan.NamedPort::what)
                .contains("cell-internal HTTPS of host-1");
    }

    @Test
    void oneShardKeepsEveryHostInTheBaseCellWithTheNamesAndPortsItAlwaysHad() {
        TopologyPlan plan = new TopologyPlan(HOME, 8000, 3, 1527, 61616, false);

        assertThat(plan.cells()).containsExactly("cell-0");
        assertThat(plan.totalHosts()).isEqualTo(3);
        assertThat(plan.hostPlans())
                .extracting(HostPlan::name, HostPlan::portBase, HostPlan::cell, HostPlan::servedShards)
                .containsExactly(
                        tuple("host-1", 8000, "cell-0", List.of("shard-0")),
                        tuple("host-2", 8100, "cell-0", List.of("shard-0")),
                        tuple("host-3", 8200, "cell-0", List.of("shard-0")));
        assertThat(plan.hostsOf("cell-0")).isEqualTo(plan.hostPlans());
        assertThat(plan.hazelcastMembers()).isEqualTo("127.0.0.1:8049,127.0.0.1:8149,127.0.0.1:8249");
    }

    @Test
    void everyShardHasACellOfItsOwnWithTheHostsPerCellNumberedOnAcrossTheCells() {
        TopologyPlan plan = new TopologyPlan(HOME, 8000, 2, 1527, 61616, false, 2);

        assertThat(plan.hosts()).as("per cell").isEqualTo(2);
        assertThat(plan.totalHosts()).isEqualTo(4);
        assertThat(plan.cells()).containsExactly("cell-0", "cell-1");
        assertThat(plan.hostPlans())
                .extracting(HostPlan::name, HostPlan::portBase, HostPlan::cell, HostPlan::servedShards)
                .containsExactly(
                        tuple("host-1", 8000, "cell-0", List.of("shard-0")),
                        tuple("host-2", 8100, "cell-0", List.of("shard-0")),
                        tuple("host-3", 8200, "cell-1", List.of("shard-1")),
                        tuple("host-4", 8300, "cell-1", List.of("shard-1")));
        assertThat(plan.hostsOf("cell-1")).extracting(HostPlan::name).containsExactly("host-3", "host-4");
        assertThat(plan.host(4)).isEqualTo(plan.hostPlans().get(3));
        assertThat(plan.host(3).cellUrl()).isEqualTo("https://127.0.0.1:8243");
        assertThat(plan.hazelcastMembers())
                .as("one data grid for every cell")
                .isEqualTo("127.0.0.1:8049,127.0.0.1:8149,127.0.0.1:8249,127.0.0.1:8349");
        assertThatThrownBy(() -> plan.host(5)).hasMessageContaining("no host-5");
        assertThatThrownBy(() -> plan.hostsOf("cell-2")).hasMessageContaining("no cell cell-2");
    }

    @Test
    void theBaseCellServesTheBaseStoreAndShard0AndEveryOtherShardHasItsOwnCell() {
        assertThat(TopologyPlan.cellOf("base")).isEqualTo(TopologyPlan.CELL).isEqualTo("cell-0");
        assertThat(TopologyPlan.cellOf("shard-0")).isEqualTo("cell-0");
        assertThat(TopologyPlan.cellOf("shard-1")).isEqualTo("cell-1");
        assertThat(TopologyPlan.cellOf("shard-7")).isEqualTo("cell-7");
        assertThatThrownBy(() -> TopologyPlan.cellOf("shard-01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsPerCellTimesShardsIsAtMostTheLimit() {
        assertThat(new TopologyPlan(HOME, 8000, 3, 1527, 61616, false, 3).totalHosts())
                .isEqualTo(TopologyPlan.MAX_HOSTS);
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 5, 1527, 61616, false, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hosts per cell × shards must be at most 9 (a cell per shard): --hosts 5 × --shards 2"
                        + " makes 10 hosts");
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 1, 1527, 61616, false, 8).host(9))
                .hasMessageContaining("no host-9");
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 0, 1527, 61616, false))
                .hasMessage("--hosts must be between 1 and 9, not 0");
        assertThatThrownBy(() -> new TopologyPlan(HOME, 8000, 10, 1527, 61616, false))
                .hasMessage("--hosts must be between 1 and 9, not 10");
    }
}
