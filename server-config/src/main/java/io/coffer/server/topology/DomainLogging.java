package io.coffer.server.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log levels of a new domain, in its {@code config/logging.properties}. Payara's connection pools log two or three
 * warnings for every connection they fail to create, so a store or broker that is down for a minute would fill a
 * host's log with them; Coffer's background tasks say such an outage themselves, once when it starts (with its cause)
 * and once when it ends. Those pool loggers keep only their SEVERE records.
 */
public final class DomainLogging {

    static final Map<String, String> LEVELS = new LinkedHashMap<>();

    static {
        // RAR5038 "Unexpected exception while creating resource for pool"
        LEVELS.put("javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator.level", "SEVERE");
        // RAR5117 "Failed to obtain/create connection from connection pool"
        LEVELS.put("javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors.level", "SEVERE");
        // RAR5114 "Error allocating connection" (JDBC pools)
        LEVELS.put("javax.enterprise.resource.resourceadapter.com.sun.gjc.spi.level", "SEVERE");
    }

    private DomainLogging() {}

    public static void patch(Path loggingProperties) throws IOException {
        List<String> lines = Files.exists(loggingProperties)
                ? Files.readAllLines(loggingProperties, StandardCharsets.UTF_8)
                : new ArrayList<>();
        Files.write(loggingProperties, patch(lines), StandardCharsets.UTF_8);
    }

    static List<String> patch(List<String> lines) {
        List<String> patched = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>(LEVELS);
        for (String line : lines) {
            String key =
                    line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : null;
            if (key != null && LEVELS.containsKey(key)) {
                patched.add(key + "=" + LEVELS.get(key));
                missing.remove(key);
            } else {
                patched.add(line);
            }
        }
        missing.forEach((key, level) -> patched.add(key + "=" + level));
        return patched;
    }
}
