package io.coffer.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.server.topology.Processes;
import java.nio.file.Path;
import java.util.List;

/** The processes of one topology: every process whose command line names the topology's home directory. */
public final class TopologyProcesses {

    private TopologyProcesses() {}

    public static List<Long> of(Path home) {
        String marker = home.toAbsolutePath().normalize().toString();
        return Processes.withCommandLine(arguments -> {
                    String commandLine = String.join(" ", arguments);
                    return commandLine.contains(marker)
                            && !commandLine.contains("surefire")
                            && !commandLine.contains("failsafe")
                            && !commandLine.contains("io.coffer.server.cli.CofferCli");
                })
                .stream()
                .map(ProcessHandle::pid)
                .toList();
    }

    /** The topology's one Derby network server. */
    public static ProcessHandle derbyServer(Path home) {
        List<ProcessHandle> servers = of(home).stream()
                .map(pid -> ProcessHandle.of(pid).orElseThrow())
                .filter(process -> Processes.arguments(process).contains("org.apache.derby.drda.NetworkServerControl"))
                .toList();
        assertThat(servers).as("the Derby network server of " + home).hasSize(1);
        return servers.get(0);
    }
}
