package io.coffer.it.support;

import io.coffer.server.topology.InternalCredentials;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * Direct connections to a running Coffer's internal services (the Derby network server of the remote stores, the JMS
 * broker), as a tool with the install's credentials connects: they are read from the file {@code ./coffer start}
 * wrote in the home on its first start.
 */
public final class InternalServices {

    private InternalServices() {}

    public static InternalCredentials credentials(Path home) {
        return InternalCredentials.of(home);
    }

    /** A JDBC connection to one remote store, e.g. {@code coffer-shard-0}, with the install's credentials. */
    public static Connection store(Path home, int derbyPort, String database) throws SQLException {
        return store(home, storeUrl(derbyPort, database));
    }

    /** A JDBC connection to the remote store at that URL, with the install's credentials. */
    public static Connection store(Path home, String url) throws SQLException {
        InternalCredentials credentials = credentials(home);
        return DriverManager.getConnection(url, credentials.derbyUser(), credentials.derbyPassword());
    }

    public static String storeUrl(int derbyPort, String database) {
        return "jdbc:derby://127.0.0.1:" + derbyPort + "/" + database;
    }

    /** A JMS connection factory for the broker with the install's credentials. */
    public static ActiveMQConnectionFactory broker(Path home, int brokerPort) {
        InternalCredentials credentials = credentials(home);
        return broker(brokerPort, credentials.brokerUser(), credentials.brokerPassword());
    }

    /** A JMS connection factory for the broker with the given credentials (none when null). */
    public static ActiveMQConnectionFactory broker(int brokerPort, String user, String password) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerPort + "?jms.closeTimeout=2000&soTimeout=10000&connectionTimeout=5000");
        factory.setUserName(user);
        factory.setPassword(password);
        return factory;
    }
}
