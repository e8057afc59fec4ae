package io.coffer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server log of a host's domain, counted in lines across {@code server.log} and the files Payara rotated it into,
 * so that a test can say how much a host logged while something happened.
 */
public final class ServerLogs {

    private static final Pattern RECORD = Pattern.compile("^\\[[^]]+] \\[[^]]+] \\[(\\w+)] \\[([^]]*)] \\[([^]]*)]");

    private final Path logs;

    public ServerLogs(Path domainDir) {
        this.logs = domainDir.resolve("logs");
    }

    /** Lines written so far, rotated files included. */
    public long lines() {
        long total = 0;
        for (Path file : files()) {
            total += read(file).size();
        }
        return total;
    }

    /**
     * The records among the last {@code lines} lines of the current log, counted by level, message id and logger:
     * what a test names when a host logged more than it should.
     */
    public Map<String, Integer> recordsInLast(long lines) {
        List<String> current = read(logs.resolve("server.log"));
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : current.subList((int) Math.max(0, current.size() - lines), current.size())) {
            Matcher record = RECORD.matcher(line);
            if (record.find()) {
                counts.merge(record.group(1) + " " + record.group(2) + " " + record.group(3), 1, Integer::sum);
            }
        }
        return counts;
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(file -> file.getFileName().toString().startsWith("server.log"))
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
