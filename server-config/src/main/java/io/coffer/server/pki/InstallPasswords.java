package io.coffer.server.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;

/** The install's generated passwords and the mode-600 files that keep them: what every such file shares. */
public final class InstallPasswords {

    /** Letters and digits only, without look-alikes: the passwords go into asadmin files, JDBC URLs and environments. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final int LENGTH = 32;

    private InstallPasswords() {}

    public static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /** A value the file must have; a file without it is named rather than read as an empty password. */
    public static String required(Properties properties, String key, Path file) throws IOException {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(file + " has no " + key);
        }
        return value.trim();
    }
}
