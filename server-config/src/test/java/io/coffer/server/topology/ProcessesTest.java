package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessesTest {

    @Test
    void aProcessIsFoundByItsCommandLineAndASuspendedOneIsToldApart() throws Exception {
        String marker = "coffer-processes-test-" + ProcessHandle.current().pid();
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        Process marked = new ProcessBuilder("sh", "-c", "read line", marker).start();
        try {
            List<ProcessHandle> found = Processes.withCommandLine(arguments -> arguments.contains(marker));
            assertThat(found).extracting(ProcessHandle::pid).containsExactly(marked.pid());
            assertThat(Processes.arguments(marked.toHandle())).containsExactly("sh", "-c", "read line", marker);

            assertThat(Processes.suspended(sleeper.toHandle())).isFalse();
            new ProcessBuilder("kill", "-STOP", Long.toString(sleeper.pid()))
                    .start()
                    .waitFor();
            assertThat(awaitSuspended(sleeper.toHandle(), true)).isTrue();
            Processes.resume(sleeper.toHandle());
            assertThat(awaitSuspended(sleeper.toHandle(), false)).isFalse();

            new ProcessBuilder("kill", "-STOP", Long.toString(sleeper.pid()))
                    .start()
                    .waitFor();
            awaitSuspended(sleeper.toHandle(), true);
            assertThat(Processes.stop(sleeper.toHandle(), Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(sleeper.isAlive()).isFalse();
        } finally {
            sleeper.destroyForcibly();
            marked.destroyForcibly();
        }
    }

    @Test
    void aJavaCommandLineIsRecognisedByItsArguments() {
        var payara = Processes.javaWith("-Dcom.sun.aas.instanceRoot=/home/c/domains/host-1");

        assertThat(payara.test(List.of(
                        "/usr/lib/jvm/bin/java",
                        "-Xmx1g",
                        "-Dcom.sun.aas.instanceRoot=/home/c/domains/host-1",
                        "ASMain")))
                .isTrue();
        assertThat(payara.test(List.of("/usr/lib/jvm/bin/java", "-Dcom.sun.aas.instanceRoot=/home/c/domains/host-10")))
                .isFalse();
        assertThat(payara.test(List.of("grep", "-Dcom.sun.aas.instanceRoot=/home/c/domains/host-1")))
                .isFalse();
        assertThat(payara.test(List.of())).isFalse();
    }

    private static boolean awaitSuspended(ProcessHandle process, boolean expected) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Processes.suspended(process) != expected && Instant.now().isBefore(deadline)) {
            Processes.sleep(20);
        }
        return Processes.suspended(process);
    }
}
