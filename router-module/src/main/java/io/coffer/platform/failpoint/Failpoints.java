package io.coffer.platform.failpoint;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Named points in the code where a test domain can make this JVM halt (as kill -9 would) or pause, to prove what a
 * crash at that exact point leaves behind. Armed only by the system property {@value #PROPERTY}, read once when the
 * class loads; production never sets it, and then {@link #reach} reads one final field and returns.
 *
 * <p>The property lists {@code point=action} pairs separated by commas; an action is {@code halt} or {@code
 * pause:<milliseconds>}: {@code -Dcoffer.failpoints=publish.after-log-commit=halt}. A spec that does not parse arms
 * nothing and says so in the log.
 */
public final class Failpoints {

    /** Test-only: which points are armed, and how. */
    public static final String PROPERTY = "coffer.failpoints";

    /** The publisher committed a batch to its log and has not sent it to the topic yet. */
    public static final String PUBLISH_AFTER_LOG_COMMIT = "publish.after-log-commit";
    /** The publisher sent a batch to the topic and has not recorded that yet. */
    public static final String PUBLISH_AFTER_SEND = "publish.after-send";
    /** A host committed an event from the topic to its local store and has not acknowledged the message yet. */
    public static final String APPLY_AFTER_COMMIT = "apply.after-commit";
    /** CreateSecret committed the name and route on the base store and has not written the secret on its shard. */
    public static final String SECRET_CREATE_AFTER_NAME = "secret-create.after-name";
    /** CreateSecret wrote the secret's rows on its shard (they are locked) and has not committed them. */
    public static final String SECRET_CREATE_BEFORE_SHARD_COMMIT = "secret-create.before-shard-commit";

    /** The exit status of a halt: the one a process killed with SIGKILL reports. */
    static final int HALT_STATUS = 137;

    private static final Logger LOG = Logger.getLogger(Failpoints.class.getName());
    private static final Map<String, Action> ARMED = armedFrom(System.getProperty(PROPERTY));

    private Failpoints() {}

    /** What an armed point does when a thread reaches it. */
    public sealed interface Action {}

    /** Ends the JVM at once: no shutdown hooks, no transaction completes, sockets close as after kill -9. */
    public record Halt() implements Action {}

    /** Blocks the thread that reached the point for this long, then lets it go on. */
    public record Pause(Duration length) implements Action {}

    /** Does what the point is armed to do; nothing when it is not armed (always, in production). */
    public static void reach(String point) {
        if (ARMED.isEmpty()) {
            return;
        }
        Action action = ARMED.get(point);
        if (action instanceof Halt) {
            System.err.println("failpoint " + point + " reached: halting the JVM");
            System.err.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        } else if (action instanceof Pause pause) {
            LOG.warning(() -> "failpoint " + point + " reached: pausing for "
                    + pause.length().toMillis() + " ms");
            try {
                Thread.sleep(pause.length().toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every point this JVM has armed, and how. */
    public static Map<String, Action> armed() {
        return ARMED;
    }

    private static Map<String, Action> armedFrom(String spec) {
        try {
            return parse(spec);
        } catch (IllegalArgumentException unreadable) {
            LOG.log(Level.SEVERE, "no failpoint is armed: " + unreadable.getMessage());
            return Map.of();
        }
    }

    /** {@code point=halt,other=pause:5000}; empty for null or blank. */
    static Map<String, Action> parse(String spec) {
        Map<String, Action> armed = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return Map.of();
        }
        for (String pair : spec.split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(PROPERTY + " lists point=action pairs, not \"" + pair + "\"");
            }
            armed.put(parts[0].trim(), action(parts[1].trim()));
        }
        return Map.copyOf(armed);
    }

    private static Action action(String text) {
        if (text.equals("halt")) {
            return new Halt();
        }
        if (text.startsWith("pause:")) {
            try {
                long millis = Long.parseLong(text.substring("pause:".length()));
                if (millis > 0) {
                    return new Pause(Duration.ofMillis(millis));
                }
            } catch (NumberFormatException notANumber) {
                // said below
            }
        }
        throw new IllegalArgumentException(
                "a failpoint's action is halt or pause:<milliseconds above 0>, not \"" + text + "\"");
    }
}
