package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainLoggingTest {

    private static final String CONNECTORS =
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors.level";

    @Test
    void thePoolLoggersKeepOnlySevereRecordsAndEverythingElseStays() {
        List<String> patched = DomainLogging.patch(List.of(
                "#comment",
                "handlers=java.util.logging.ConsoleHandler",
                CONNECTORS + "=INFO",
                "javax.enterprise.system.level=INFO"));

        assertThat(patched)
                .startsWith("#comment", "handlers=java.util.logging.ConsoleHandler", CONNECTORS + "=SEVERE")
                .contains("javax.enterprise.system.level=INFO")
                .contains(
                        "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator.level=SEVERE",
                        "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi.level=SEVERE");
        assertThat(patched.stream().filter(line -> line.startsWith(CONNECTORS))).hasSize(1);
    }

    @Test
    void patchingTwiceChangesNothingMore() {
        List<String> once = DomainLogging.patch(List.of("handlers=x"));
        assertThat(DomainLogging.patch(once)).isEqualTo(once);
    }
}
