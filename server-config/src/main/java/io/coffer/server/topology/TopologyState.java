package io.coffer.server.topology;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The plan of the topology last started from a home, kept in {@code topology.properties} there, so that
 * {@code stop} and {@code status} find what {@code start} started, and a restart keeps the same ports.
 *
 * <p>{@code hosts} there is every host of the topology, as it always was; {@code hostsPerCell} is the plan's number of
 * hosts per cell. A file from before there were more cells has no {@code hostsPerCell}: all its hosts were in the base
 * cell, and they are spread over the cells now as evenly as fits (with one shard, nothing changes).
 */
public final class TopologyState {

    private static final String FILE = "topology.properties";
    private static final String HOSTS_PER_CELL = "hostsPerCell";

    private TopologyState() {}

    public static TopologyPlan plan(
            Path home,
            Integer hosts,
            Integer portBase,
            Integer derbyPort,
            Integer brokerPort,
            Boolean adjustableClock) {
        return plan(home, hosts, portBase, derbyPort, brokerPort, adjustableClock, null);
    }

    public static TopologyPlan plan(
            Path home,
            Integer hosts,
            Integer portBase,
            Integer derbyPort,
            Integer brokerPort,
            Boolean adjustableClock,
            Integer shards) {
        Properties saved = load(home);
        return new TopologyPlan(
                home,
                pick(portBase, saved, "portBase", TopologyPlan.DEFAULT_PORT_BASE),
                hosts != null ? hosts : savedHostsPerCell(saved),
                pick(derbyPort, saved, "derbyPort", TopologyPlan.DEFAULT_DERBY_PORT),
                pick(brokerPort, saved, "brokerPort", TopologyPlan.DEFAULT_BROKER_PORT),
                adjustableClock != null
                        ? adjustableClock
                        : Boolean.parseBoolean(saved.getProperty("adjustableClock", "false")),
                pick(shards, saved, "shards", 1));
    }

    public static void save(TopologyPlan plan) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("portBase", String.valueOf(plan.portBase()));
        properties.setProperty("hosts", String.valueOf(plan.totalHosts()));
        properties.setProperty(HOSTS_PER_CELL, String.valueOf(plan.hosts()));
        properties.setProperty("derbyPort", String.valueOf(plan.derbyPort()));
        properties.setProperty("brokerPort", String.valueOf(plan.brokerPort()));
        properties.setProperty("adjustableClock", String.valueOf(plan.adjustableClock()));
        properties.setProperty("shards", String.valueOf(plan.shards()));
        Files.createDirectories(plan.home());
        try (Writer out = Files.newBufferedWriter(plan.home().resolve(FILE))) {
            properties.store(out, "The Coffer topology last started from this home");
        }
    }

    private static Properties load(Path home) {
        Properties properties = new Properties();
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException unreadable) {
                throw new CliException("cannot read " + file + ": " + unreadable.getMessage());
            }
        }
        return properties;
    }

    /**
     * The saved hosts per cell; a file without them has only the number of hosts, all of them in one cell then. Spread
     * over the cells they give at least one each and never more than the limit in all.
     */
    private static int savedHostsPerCell(Properties saved) {
        if (saved.getProperty(HOSTS_PER_CELL) != null) {
            return pick(null, saved, HOSTS_PER_CELL, 1);
        }
        int allHosts = pick(null, saved, "hosts", 1);
        int shards = pick(null, saved, "shards", 1);
        return Math.max(1, allHosts / Math.max(1, shards));
    }

    private static int pick(Integer given, Properties saved, String key, int fallback) {
        if (given != null) {
            return given;
        }
        String value = saved.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException malformed) {
            throw new CliException("topology.properties has a malformed " + key + ": " + value);
        }
    }
}
