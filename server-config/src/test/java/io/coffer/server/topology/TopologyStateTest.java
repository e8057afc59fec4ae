package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coffer.server.topology.TopologyPlan.HostPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyStateTest {

    @Test
    void aSavedPlanComesBackWithItsHostsPerCellAndShards(@TempDir Path home) throws Exception {
        TopologyState.save(new TopologyPlan(home, 9000, 2, 1600, 62000, true, 2));

        TopologyPlan restored = TopologyState.plan(home, null, null, null, null, null, null);

        assertThat(restored).isEqualTo(new TopologyPlan(home, 9000, 2, 1600, 62000, true, 2));
        assertThat(Files.readString(home.resolve("topology.properties")))
                .as("hosts keeps its meaning, every host of the topology")
                .contains("hosts=4", "hostsPerCell=2", "shards=2");
    }

    @Test
    void optionsGivenOnTheCommandLineWinOverTheSavedOnes(@TempDir Path home) throws Exception {
        TopologyState.save(new TopologyPlan(home, 8000, 2, 1527, 61616, false, 2));

        TopologyPlan plan = TopologyState.plan(home, 3, null, null, null, null, 3);

        assertThat(plan.hosts()).isEqualTo(3);
        assertThat(plan.shards()).isEqualTo(3);
    }

    @Test
    void aHomeWithoutSavedPlanGetsOneHostInOneCell(@TempDir Path home) {
        TopologyPlan plan = TopologyState.plan(home, null, null, null, null, null, null);

        assertThat(plan.hostPlans()).extracting(HostPlan::name).containsExactly("host-1");
        assertThat(plan.cells()).containsExactly("cell-0");
    }

    @Test
    void aPlanSavedBeforeThereWereCellsKeepsItsHostsWhenItHadOneShard(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("topology.properties"), "portBase=8000\nhosts=3\nderbyPort=1527\n");

        TopologyPlan plan = TopologyState.plan(home, null, null, null, null, null, null);

        assertThat(plan.hostPlans())
                .extracting(HostPlan::name, HostPlan::cell)
                .containsExactly(tuple("host-1", "cell-0"), tuple("host-2", "cell-0"), tuple("host-3", "cell-0"));
    }

    @Test
    void aPlanSavedBeforeThereWereCellsSpreadsItsHostsOverTheCellsWithinTheLimit(@TempDir Path home) throws Exception {
        Path file = home.resolve("topology.properties");
        Files.writeString(file, "hosts=2\nshards=2\n");
        assertThat(TopologyState.plan(home, null, null, null, null, null, null).hostPlans())
                .as("the same hosts, one in each cell")
                .extracting(HostPlan::name, HostPlan::cell)
                .containsExactly(tuple("host-1", "cell-0"), tuple("host-2", "cell-1"));

        Files.writeString(file, "hosts=9\nshards=2\n");
        assertThat(TopologyState.plan(home, null, null, null, null, null, null).totalHosts())
                .isEqualTo(8);

        Files.writeString(file, "hosts=1\nshards=3\n");
        assertThat(TopologyState.plan(home, null, null, null, null, null, null).totalHosts())
                .as("at least one host per cell")
                .isEqualTo(3);
    }
}
