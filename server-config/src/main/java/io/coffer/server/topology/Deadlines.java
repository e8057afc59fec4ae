package io.coffer.server.topology;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How long a host waits for a remote store or the broker before it gives up: a hung dependency (a frozen process, a
 * full disk) must cost a request a bounded wait and a 503, never a thread held for ever. Read from the optional
 * {@code deadlines.properties} in the home; each key has a default. A change takes effect at the next
 * {@code ./coffer start}, which applies it to every host's resources in place and restarts the host.
 *
 * @param storeLoginSeconds  connect and log in to the Derby network server (the pools' {@code loginTimeout})
 * @param storeReadSeconds   wait for each reply of the Derby network server; past it the connection counts as lost
 * @param poolWaitMillis     wait for a free connection of a remote store's pool
 * @param brokerConnectMillis connect to the broker
 * @param brokerWriteMillis  write to the broker's socket
 * @param brokerSendMillis   wait for the broker to acknowledge a message sent outside a transaction
 * @param brokerSilenceMillis how long a broker connection may stay silent (no keep-alive either) before it is closed
 */
public record Deadlines(
        int storeLoginSeconds,
        int storeReadSeconds,
        int poolWaitMillis,
        int brokerConnectMillis,
        int brokerWriteMillis,
        int brokerSendMillis,
        int brokerSilenceMillis) {

    static final String FILE = "deadlines.properties";

    public static final Deadlines DEFAULTS = new Deadlines(2, 3, 5_000, 5_000, 5_000, 5_000, 10_000);

    public Deadlines {
        positive("store.login-seconds", storeLoginSeconds);
        positive("store.read-seconds", storeReadSeconds);
        positive("store.pool-wait-millis", poolWaitMillis);
        positive("broker.connect-millis", brokerConnectMillis);
        positive("broker.write-millis", brokerWriteMillis);
        positive("broker.send-millis", brokerSendMillis);
        positive("broker.silence-millis", brokerSilenceMillis);
    }

    /** The home's {@code deadlines.properties}, or the defaults where it names nothing. */
    public static Deadlines of(Path home) {
        Properties file = new Properties();
        Path path = home.resolve(FILE);
        if (Files.isRegularFile(path)) {
            try (Reader in = Files.newBufferedReader(path)) {
                file.load(in);
            } catch (IOException unreadable) {
                throw new CliException("cannot read " + path + ": " + unreadable.getMessage());
            }
        }
        try {
            return of(file);
        } catch (IllegalArgumentException invalid) {
            throw new CliException(path + ": " + invalid.getMessage());
        }
    }

    static Deadlines of(Properties file) {
        return new Deadlines(
                number(file, "store.login-seconds", DEFAULTS.storeLoginSeconds),
                number(file, "store.read-seconds", DEFAULTS.storeReadSeconds),
                number(file, "store.pool-wait-millis", DEFAULTS.poolWaitMillis),
                number(file, "broker.connect-millis", DEFAULTS.brokerConnectMillis),
                number(file, "broker.write-millis", DEFAULTS.brokerWriteMillis),
                number(file, "broker.send-millis", DEFAULTS.brokerSendMillis),
                number(file, "broker.silence-millis", DEFAULTS.brokerSilenceMillis));
    }

    /** The broker URL a host's resource adapter connects with: the broker's address with these deadlines. */
    String brokerClientUrl(String brokerUrl) {
        return brokerUrl + "?connectionTimeout=" + brokerConnectMillis + "&soWriteTimeout=" + brokerWriteMillis
                + "&wireFormat.maxInactivityDuration=" + brokerSilenceMillis + "&jms.sendTimeout=" + brokerSendMillis;
    }

    /** Changes to any of these are applied to a host's resources on its next start. */
    String key() {
        // v2: the remote pools validate their connections too (a domain with v1 gets it on its next start).
        // v3: 32 request threads instead of Payara's 5 (see DomainXml.REQUEST_THREADS).
        // v4: a transaction manager name of the host's own (see HostPlan.transactionManagerName).
        return "v4 " + this;
    }

    private static int number(Properties file, String key, int fallback) {
        String value = file.getProperty(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value.strip() + "'");
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, not " + value);
        }
    }
}
