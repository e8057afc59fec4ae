package io.coffer.server.topology;

import java.nio.file.Path;

/** The Java the CLI itself runs on starts the topology's processes too. */
final class Java {

    private Java() {}

    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
