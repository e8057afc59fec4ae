package io.coffer.server.pki;

import io.coffer.server.topology.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code keytool} of the JDK the CLI runs on (the same JDK whose {@code java} starts the topology). Store
 * passwords reach it through environment variables ({@code -storepass:env}), so no process listing shows them.
 */
final class Keytool {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    Keytool() {
        this(Path.of(System.getProperty("java.home"), "bin", "keytool"));
    }

    Keytool(Path executable) {
        this.executable = executable;
    }

    /**
     * Runs keytool with these arguments; {@code secrets} are the environment variables the arguments name with
     * {@code :env}. A non-zero exit is a {@link CliException} with keytool's own words.
     */
    String run(Map<String, String> secrets, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile("coffer-keytool", ".out");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(secrets);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new CliException(
                            "keytool " + arguments[0] + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new CliException("keytool " + arguments[0] + " failed: " + printed.strip());
                }
                return printed;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException unstartable) {
            throw new CliException("cannot run " + executable + ": " + unstartable.getMessage(), unstartable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while running keytool");
        }
    }
}
