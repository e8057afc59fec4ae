package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {

    @TempDir
    Path home;

    @Test
    void aSecondStartOnTheSameHomeIsRefusedUntilTheFirstEnds() throws Exception {
        TopologyPlan plan = new TopologyPlan(home, 8000, 1, 1527, 61616, false);
        try (HomeLock first = HomeLock.acquire(plan)) {
            assertThatThrownBy(() -> HomeLock.acquire(plan))
                    .isInstanceOf(CliException.class)
                    .hasMessage("another ./coffer start or stop is running on " + home + "; wait until it ends");
        }
        HomeLock.acquire(plan).close();
    }
}
