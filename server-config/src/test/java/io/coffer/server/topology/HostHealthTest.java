package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostHealthTest {

    @Test
    void aHealthAnswerNamesTheChecksThatAreDown() {
        String health = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"remote-stores\",\"status\":\"UP\",\"data\":{}},"
                + "{\"name\":\"broker\",\"status\":\"DOWN\",\"data\":{\"broker\":\"DOWN: refused\"}},"
                + "{\"name\":\"replicas\",\"status\":\"DOWN\",\"data\":{}}]}";

        assertThat(HostHealth.downChecks(health)).isEqualTo("broker, replicas");
        assertThat(HostHealth.downChecks("{\"status\":\"UP\",\"checks\":[]}")).isEqualTo("no check");
    }
}
