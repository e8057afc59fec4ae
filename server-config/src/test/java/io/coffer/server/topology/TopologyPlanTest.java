package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyPlanTest {

    @Test
    void noTwoPortsOfTheLargestTopologyCollideTheCellListenersIncluded() {
        TopologyPlan plan = new TopologyPlan(
                Path.of("/tmp/coffer"),
                TopologyPlan.DEFAULT_PORT_BASE,
                TopologyPlan.MAX_HOSTS,
                TopologyPlan.DEFAULT_DERBY_PORT,
                TopologyPlan.DEFAULT_BROKER_PORT,
                false);

        List<Integer> ports = plan.hostPlans().stream()
                .flatMap(host -> host.ports().stream())
                .map(TopologyPlan.NamedPort::port)
                .toList();

        assertThat(ports).doesNotHaveDuplicates().doesNotContain(plan.derbyPort(), plan.brokerPort());
        assertThat(plan.host(1).cellPort()).isEqualTo(8043);
        assertThat(plan.host(3).cellUrl()).isEqualTo("https://127.0.0.1:8243");
        assertThat(plan.host(1).ports())
                .extracting(TopologyPlan.NamedPort::what)
                .contains("cell-internal HTTPS of host-1");
    }
}
