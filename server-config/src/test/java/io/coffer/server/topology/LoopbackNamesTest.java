package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackNamesTest {

    @TempDir
    Path home;

    @Test
    void theFileMapsLocalhostAndTheHostNameToLoopbackOnly() {
        assertThat(LoopbackNames.content(Optional.of("build-7")))
                .endsWith("\n127.0.0.1 localhost build-7\n")
                .doesNotContain("::1");
        assertThat(LoopbackNames.content(Optional.empty())).endsWith("\n127.0.0.1 localhost\n");
        assertThat(LoopbackNames.content(Optional.of("localhost"))).endsWith("\n127.0.0.1 localhost\n");
    }

    @Test
    void theOptionNamesTheFileItWroteInTheHome() throws Exception {
        String option = LoopbackNames.jvmOption(home);

        Path file = home.resolve(LoopbackNames.FILE);
        assertThat(option).isEqualTo("-Djdk.net.hosts.file=" + file.toAbsolutePath());
        assertThat(Files.readString(file)).isEqualTo(LoopbackNames.content(LoopbackNames.hostName()));
    }

    @Test
    void theKernelsHostNameIsTheOneTheJdkResolves() throws Exception {
        // getLocalHost() resolves exactly this name; were it another, a server's getLocalHost() would fail.
        assertThat(LoopbackNames.hostName()).contains(InetAddress.getLocalHost().getHostName());
    }
}
