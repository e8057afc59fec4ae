package io.coffer.server.derby;

import io.coffer.server.topology.InternalCredentials;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Creates the Derby system's credentials database with embedded Derby, before the network server first starts with
 * NATIVE authentication: the user who creates it is its owner and the one user every connection is checked against,
 * so the server never runs a moment without it. Run with the system properties of the network server.
 *
 * <p>Usage: {@code CredentialsDatabase <credentials file>}
 */
public final class CredentialsDatabase {

    public static final String NAME = "coffer-credentials";

    /** Derby's SQLState for a clean shutdown of the whole engine. */
    private static final String ENGINE_SHUT_DOWN = "XJ015";

    private CredentialsDatabase() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: CredentialsDatabase <credentials file>");
            System.exit(2);
        }
        InternalCredentials credentials = InternalCredentials.read(Path.of(args[0]));
        try (Connection created = DriverManager.getConnection(
                "jdbc:derby:" + NAME + ";create=true", credentials.derbyUser(), credentials.derbyPassword())) {
            System.out.println(
                    "created the credentials database " + NAME + " in " + System.getProperty("derby.system.home")
                            + " (owner " + created.getMetaData().getUserName() + ")");
        }
        try {
            DriverManager.getConnection(
                            "jdbc:derby:;shutdown=true", credentials.derbyUser(), credentials.derbyPassword())
                    .close();
        } catch (SQLException shutDown) {
            if (!ENGINE_SHUT_DOWN.equals(shutDown.getSQLState())) {
                throw shutDown;
            }
        }
    }
}
