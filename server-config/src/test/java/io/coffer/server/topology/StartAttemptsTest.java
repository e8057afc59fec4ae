package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartAttemptsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final StartAttempts attempts =
            new StartAttempts("host-2", 3, new Progress(new PrintStream(printed, true, StandardCharsets.UTF_8)));
    private final AtomicInteger tries = new AtomicInteger();
    private final AtomicInteger cleanUps = new AtomicInteger();

    @Test
    void aFailedStartIsCleanedUpAndTriedAgainSayingSo() {
        attempts.run(
                () -> {
                    if (tries.incrementAndGet() < 3) {
                        throw new FailedStart("host-2 (pid 41) removed its PID file but kept running");
                    }
                },
                stopped -> {
                    cleanUps.incrementAndGet();
                    stopped.append("pid 41");
                });

        assertThat(tries).hasValue(3);
        assertThat(cleanUps).hasValue(2);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains(
                        "!! host-2 (pid 41) removed its PID file but kept running; stopped pid 41; starting host-2 again (attempt 2 of 3)")
                .contains("(attempt 3 of 3)");
    }

    @Test
    void afterTheLastAttemptTheFailureNamesItAndWhatWasStopped() {
        assertThatThrownBy(() -> attempts.run(
                        () -> {
                            tries.incrementAndGet();
                            throw new FailedStart("host-2 did not answer /health");
                        },
                        stopped -> stopped.append("pid 7")))
                .isInstanceOf(CliException.class)
                .hasMessage(
                        "host-2 did not start in 3 attempts; the last: host-2 did not answer /health; stopped pid 7");
        assertThat(tries).hasValue(3);
    }

    @Test
    void anyOtherFailureEndsAtOnceWithoutCleanUp() {
        assertThatThrownBy(() -> attempts.run(
                        () -> {
                            tries.incrementAndGet();
                            throw new CliException("port 8149 is already in use by another process");
                        },
                        stopped -> cleanUps.incrementAndGet()))
                .hasMessage("port 8149 is already in use by another process");
        assertThat(tries).hasValue(1);
        assertThat(cleanUps).hasValue(0);
    }
}
