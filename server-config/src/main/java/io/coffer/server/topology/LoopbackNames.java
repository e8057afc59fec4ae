package io.coffer.server.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Name resolution for every JVM Coffer starts: from a hosts file of loopback names only, never from DNS. A server asks
 * for names now and then (its own host name, a reverse lookup of an address), and a DNS query goes to the machine's
 * resolver, which is not on loopback. With {@code -Djdk.net.hosts.file} the JDK reads that file instead of asking the
 * system resolver; a name the file lacks fails at once.
 *
 * <p>The file maps {@code localhost} and this machine's host name to 127.0.0.1. It is written at every start, as the
 * host name may have changed.
 */
public final class LoopbackNames {

    static final String FILE = "loopback-hosts";
    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    private LoopbackNames() {}

    /** Writes the file, if it differs, and answers the JVM option that makes a JVM use it. */
    public static String jvmOption(Path home) throws IOException {
        Path file = home.resolve(FILE);
        String content = content(hostName());
        if (!Files.isRegularFile(file)
                || !Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            Files.createDirectories(home);
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        return "-Djdk.net.hosts.file=" + file.toAbsolutePath();
    }

    static String content(Optional<String> hostName) {
        String names = "localhost"
                + hostName.filter(name -> !name.equals("localhost"))
                        .map(name -> " " + name)
                        .orElse("");
        return "# Every JVM of this Coffer install resolves names from this file only (-Djdk.net.hosts.file): no DNS.\n"
                + "127.0.0.1 " + names + "\n";
    }

    /** This machine's host name, as {@code InetAddress.getLocalHost()} will ask for it (the kernel's). */
    static Optional<String> hostName() {
        try {
            return Optional.of(Files.readString(KERNEL_HOST_NAME, StandardCharsets.UTF_8)
                            .trim())
                    .filter(name -> name.matches("[A-Za-z0-9._-]+"));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> name.matches("[A-Za-z0-9._-]+"));
        }
    }
}
