package io.coffer.replication.publish;

import io.coffer.platform.time.RealTime;
import io.coffer.replication.event.EventMessages;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves pending events of one store into its numbered log and onto the replication topic, in one XA transaction
 * spanning the store and the broker: an event is numbered, logged and sent, or none of the three. Publishers on
 * different instances take turns on the store's publisher row, so numbers are contiguous and follow the order in
 * which writes committed for every entity.
 */
@Stateless
public class OutboxPublisher {

    /** The ActiveMQ resource adapter's connection factory (XA, so a send commits with the database write). */
    static final String CONNECTION_FACTORY = "jms/coffer/ConnectionFactory";
    /** The topic every host subscribes to (broker-side name {@code coffer.replication}, as the MDB's ejb-jar.xml says). */
    static final String TOPIC = "jms/coffer/replication";

    @Inject
    StoreConnections connections;

    @Inject
    @RealTime
    Clock clock;

    @Resource(lookup = CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = TOPIC)
    Topic topic;

    /** @return how many events were published (less than {@code limit} means the store is drained) */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishBatch(StoreId store, int limit) {
        try (Connection database = connections.remote(store)) {
            RemoteLog.Head head = lockPublisher(database, store);
            long lastSequence = head.sequence();
            List<Pending> batch = pending(database, limit);
            if (batch.isEmpty()) {
                return 0;
            }
            Timestamp now = Timestamp.from(clock.instant());
            try (jakarta.jms.Connection broker = connectionFactory.createConnection()) {
                Session session = broker.createSession(true, Session.SESSION_TRANSACTED);
                MessageProducer producer = session.createProducer(topic);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                try (PreparedStatement log = database.prepareStatement(
                                "INSERT INTO REPL_LOG"
                                        + " (SEQ, TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT, PUBLISHED_AT) VALUES (?, ?, ?, ?, ?, ?)");
                        PreparedStatement remove = database.prepareStatement("DELETE FROM REPL_PENDING WHERE ID = ?")) {
                    for (Pending event : batch) {
                        long sequence = ++lastSequence;
                        log.setLong(1, sequence);
                        log.setString(2, event.table());
                        log.setString(3, event.entityKey());
                        log.setString(4, event.payload());
                        log.setTimestamp(5, event.capturedAt());
                        log.setTimestamp(6, now);
                        log.executeUpdate();
                        remove.setLong(1, event.id());
                        remove.executeUpdate();
                        producer.send(EventMessages.encode(
                                session,
                                store,
                                head.epoch(),
                                sequence,
                                event.capturedAt().toInstant(),
                                event.payload()));
                    }
                }
            }
            try (PreparedStatement advance = database.prepareStatement(
                    "UPDATE REPL_PUBLISHER SET LAST_SEQ = ?, UPDATED_AT = ? WHERE STORE_NAME = ?")) {
                advance.setLong(1, lastSequence);
                advance.setTimestamp(2, now);
                advance.setString(3, store.name());
                advance.executeUpdate();
            }
            return batch.size();
        } catch (SQLException | JMSException failure) {
            throw new EJBException(
                    "publishing the replication events of store " + store + " failed: " + failure.getMessage(),
                    failure);
        }
    }

    /** Locks the store's publisher row for this transaction and returns the epoch and last sequence number. */
    private static RemoteLog.Head lockPublisher(Connection database, StoreId store) throws SQLException {
        try (PreparedStatement lock =
                database.prepareStatement("UPDATE REPL_PUBLISHER SET LAST_SEQ = LAST_SEQ WHERE STORE_NAME = ?")) {
            lock.setString(1, store.name());
            if (lock.executeUpdate() != 1) {
                throw new SQLException(
                        "store " + store + " has no publisher row; its replication tables are incomplete");
            }
        }
        return RemoteLog.head(database, store);
    }

    private static List<Pending> pending(Connection database, int limit) throws SQLException {
        List<Pending> batch = new ArrayList<>();
        try (PreparedStatement select = database.prepareStatement(
                "SELECT ID, TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT FROM REPL_PENDING ORDER BY ID")) {
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    batch.add(new Pending(
                            rows.getLong(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getTimestamp(5)));
                }
            }
        }
        return batch;
    }

    private record Pending(long id, String table, String entityKey, String payload, Timestamp capturedAt) {}
}
