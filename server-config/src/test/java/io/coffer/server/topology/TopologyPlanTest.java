package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.server.topology.TopologyPlan.StoreServerPlan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void noTwoPortsOfTheLargestTopologyCollideTheCellListenersIncluded() {
        TopologyPlan plan = new TopologyPlan(
                Path.of("/tmp/coffer"),
                TopologyPlan.DEFAULT_PORT_BASE,
                TopologyPlan.MAX_HOSTS,
                TopologyPlan.DEFAULT_DERBY_PORT,
                TopologyPlan.DEFAULT_BROKER_PORT,
                false,
                TopologyPlan.MAX_SHARDS);

        List<Integer> ports = plan.hostPlans().stream()
                .flatMap(host -> host.ports().stream())
                .map(TopologyPlan.NamedPort::port)
                .toList();

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
}
