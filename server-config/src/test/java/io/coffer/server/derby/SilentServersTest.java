package io.coffer.server.derby;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.derby.DeadlineClientXADataSource.SilentServers;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SilentServersTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final SilentServers silent = new SilentServers(now::get);

    @Test
    void aServerThatDidNotAnswerIsLeftAloneForTheQuietPeriodOnly() {
        assertThat(silent.isSilent("127.0.0.1:1527")).isFalse();
        silent.heardNothingFrom("127.0.0.1:1527", 3_000);

        now.addAndGet(2_999);
        assertThat(silent.isSilent("127.0.0.1:1527")).isTrue();
        assertThat(silent.isSilent("127.0.0.1:1528")).as("another server").isFalse();

        now.addAndGet(1);
        assertThat(silent.isSilent("127.0.0.1:1527")).isFalse();
    }

    @Test
    void onlyACallThatWaitedOutItsDeadlineCountsAsUnanswered() {
        assertThat(SilentServers.ranIntoDeadline(3_000, 3_000)).isTrue();
        assertThat(SilentServers.ranIntoDeadline(2_750, 3_000))
                .as("the clock's slack")
                .isTrue();
        assertThat(SilentServers.ranIntoDeadline(20, 3_000))
                .as("a refusal at once")
                .isFalse();
    }
}
