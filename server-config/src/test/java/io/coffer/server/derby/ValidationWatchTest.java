package io.coffer.server.derby;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.derby.DeadlineClientXADataSource.SilentServers;
import io.coffer.server.derby.DeadlineClientXADataSource.ValidationWatch;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ValidationWatchTest {

    private static final String SERVER = "127.0.0.1:1527";
    private static final long DEADLINE = TimeUnit.MILLISECONDS.toNanos(50);

    private final SilentServers silent = new SilentServers(System::nanoTime);
    private final AtomicInteger validations = new AtomicInteger();

    @Test
    void aValidationThatWaitedOutTheDeadlineFailsTheNextOnesAtOnce() throws Exception {
        Connection first = ValidationWatch.watching(derby(false, 80), SERVER, DEADLINE, silent);
        Connection second = ValidationWatch.watching(derby(true, 0), SERVER, DEADLINE, silent);

        assertThat(first.isValid(0)).isFalse();
        assertThat(second.isValid(0)).as("asked while its server is silent").isFalse();
        assertThat(validations)
                .as("the second connection never asked its server")
                .hasValue(1);

        Thread.sleep(60);
        assertThat(second.isValid(0)).as("asked again after the quiet period").isTrue();
        assertThat(validations).hasValue(2);
    }

    @Test
    void aConnectionFoundBrokenAtOnceSaysNothingAboutItsServer() throws Exception {
        Connection broken = ValidationWatch.watching(derby(false, 0), SERVER, DEADLINE, silent);
        assertThat(broken.isValid(0)).isFalse();
        assertThat(silent.isSilent(SERVER)).isFalse();
    }

    @Test
    void everyOtherCallReachesTheConnection() throws Exception {
        Connection watched = ValidationWatch.watching(derby(true, 0), SERVER, DEADLINE, silent);
        assertThat(watched.getSchema()).isEqualTo("COFFER");
        assertThat(watched).isEqualTo(watched).isNotEqualTo(derby(true, 0));
    }

    /** A stand-in for Derby's logical connection: its validation answers after a while; its schema is COFFER. */
    private Connection derby(boolean valid, long answersAfterMillis) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isValid")) {
                        validations.incrementAndGet();
                        Thread.sleep(answersAfterMillis);
                        return valid;
                    }
                    if (method.getName().equals("getSchema")) {
                        return "COFFER";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
