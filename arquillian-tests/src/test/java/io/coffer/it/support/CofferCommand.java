package io.coffer.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's own {@code ./coffer} script, the way a user does, and captures what it printed. */
public final class CofferCommand {

    private CofferCommand() {}

    public record Outcome(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public static Outcome run(Duration timeout, String... arguments) {
        return run(timeout, Map.of(), arguments);
    }

    /** With more environment variables for the script (e.g. a test's {@code COFFER_FAILPOINTS}). */
    public static Outcome run(Duration timeout, Map<String, String> environment, String... arguments) {
        Path root = Path.of(System.getProperty("coffer.root")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("coffer").toString());
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile("coffer-cli", ".out");
            Path err = Files.createTempFile("coffer-cli", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(root.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                // mvn verify built everything already; the script must not rebuild under the running suite
                builder.environment().put("COFFER_SKIP_BUILD", "1");
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("./coffer " + String.join(" ", arguments) + " did not finish within "
                            + timeout + "; it printed: " + Files.readString(out) + Files.readString(err));
                }
                return new Outcome(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException failure) {
            throw new AssertionError("cannot run ./coffer: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }
}
