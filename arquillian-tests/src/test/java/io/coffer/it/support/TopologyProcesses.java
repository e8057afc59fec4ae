package io.coffer.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The processes of one topology: every process whose command line names the topology's home directory. */
public final class TopologyProcesses {

    private TopologyProcesses() {}

    public static List<Long> of(Path home) {
        String marker = home.toAbsolutePath().normalize().toString();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    byte[] raw = Files.readAllBytes(entry.resolve("cmdline"));
                    String commandLine = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
                    if (commandLine.contains(marker)
                            && !commandLine.contains("surefire")
                            && !commandLine.contains("failsafe")
                            && !commandLine.contains("io.coffer.server.cli.CofferCli")) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException failure) {
            throw new IllegalStateException("cannot list /proc", failure);
        }
        return pids;
    }
}
