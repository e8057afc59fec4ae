package io.coffer.server.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Payara's asadmin against a local domain, always on 127.0.0.1, with its output appended to a log file. */
public final class Asadmin {

    /** For asadmin's short-lived client JVM: the quick compiler only, and the smallest collector. */
    static final String CLIENT_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private final Path payaraHome;
    private final Path log;
    private final Path cofferHome;

    public Asadmin(Path payaraHome, Path log, Path cofferHome) {
        this.payaraHome = payaraHome;
        this.log = log;
        this.cofferHome = cofferHome;
    }

    /** Runs a local command (no admin port: create-domain, start-domain ...). */
    public String local(String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable(), "--interactive=false"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** Runs a command against the running domain listening on that admin port. */
    public String remote(int adminPort, String... arguments) {
        return run(remoteCommand(adminPort, List.of(), arguments));
    }

    /**
     * Runs a command against the running domain with a secret it reads from a password file (e.g.
     * {@code AS_ADMIN_ALIASPASSWORD=...}): the file is readable by this user only and removed at once.
     */
    public String remoteWithPasswordFile(int adminPort, String passwordLine, String... arguments) {
        try {
            Files.createDirectories(log.getParent());
            Path passwords = Files.createTempFile(
                    log.getParent(),
                    ".asadmin",
                    ".pass",
                    PosixFilePermissions.asFileAttribute(InternalCredentials.OWNER_ONLY));
            try {
                Files.writeString(passwords, passwordLine + "\n", StandardCharsets.UTF_8);
                return run(remoteCommand(adminPort, List.of("--passwordfile", passwords.toString()), arguments));
            } finally {
                Files.deleteIfExists(passwords);
            }
        } catch (IOException failure) {
            throw new CliException("cannot write a password file for asadmin: " + failure.getMessage(), failure);
        }
    }

    private List<String> remoteCommand(int adminPort, List<String> options, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                executable(),
                "--interactive=false",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(adminPort),
                "--user",
                "admin"));
        command.addAll(options);
        command.addAll(List.of(arguments));
        return command;
    }

    private String executable() {
        return payaraHome.resolve("bin/asadmin").toString();
    }

    private String run(List<String> command) {
        try {
            Files.createDirectories(log.getParent());
            Path output = Files.createTempFile(log.getParent(), "asadmin", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                // asadmin reads no password from the terminal: domains are created with --nopassword.
                builder.environment().put("AS_ADMIN_READTIMEOUT", "600000");
                // asadmin's own JVM, like every other Coffer starts, resolves no name through DNS; and, living a few
                // seconds, it skips the optimising compiler, whose threads only compete with the servers for the cores
                // (a start runs dozens of asadmin commands). The options reach asadmin's JVM, not the server's.
                builder.environment()
                        .put("AS_EXTRA_JAVA_OPTS", LoopbackNames.jvmOption(cofferHome) + " " + CLIENT_JVM_OPTIONS);
                Process process = builder.start();
                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new CliException("asadmin " + describe(command) + " did not finish; see " + log);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                Files.writeString(
                        log,
                        "$ asadmin " + describe(command) + "\n" + text + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                if (process.exitValue() != 0
                        || text.contains("Exception while running a command")
                        || java.util.regex.Pattern.compile("(?m)^Command \\S+ failed")
                                .matcher(text)
                                .find()) {
                    throw new CliException(
                            "asadmin " + describe(command) + " failed: " + lastLines(text) + " (see " + log + ")");
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException failure) {
            throw new CliException("cannot run asadmin from " + payaraHome + ": " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while running asadmin");
        }
    }

    private static String describe(List<String> command) {
        return String.join(" ", command.subList(1, command.size()));
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        StringBuilder tail = new StringBuilder();
        for (int i = Math.max(0, lines.length - 3); i < lines.length; i++) {
            tail.append(tail.length() == 0 ? "" : " / ").append(lines[i].strip());
        }
        return tail.toString();
    }
}
