package io.coffer.replication.event;

import io.coffer.routing.entity.StoreId;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;

/**
 * A replication event as a JMS message on the topic: the row change as its logged JSON text, its place in the store's
 * log (store, epoch, sequence) and its capture time as properties. The publisher writes it, the MDB reads it back.
 */
public final class EventMessages {

    static final String STORE = "store";
    static final String EPOCH = "epoch";
    static final String SEQUENCE = "seq";
    static final String CAPTURED_AT = "capturedAt";

    private EventMessages() {}

    /** @param payload the row change as logged, see {@link RowChangeCodec} */
    public static TextMessage encode(
            Session session, StoreId store, long epoch, long sequence, Instant capturedAt, String payload)
            throws JMSException {
        TextMessage message = session.createTextMessage(payload);
        message.setStringProperty(STORE, store.name());
        message.setLongProperty(EPOCH, epoch);
        message.setLongProperty(SEQUENCE, sequence);
        message.setLongProperty(CAPTURED_AT, capturedAt.toEpochMilli());
        return message;
    }

    /** @throws IllegalArgumentException if the message is not a replication event */
    public static ReplicationEvent decode(Message message) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException(
                    "not a text message: " + message.getClass().getName());
        }
        return new ReplicationEvent(
                StoreId.of(text.getStringProperty(STORE)),
                text.getLongProperty(EPOCH),
                text.getLongProperty(SEQUENCE),
                Instant.ofEpochMilli(text.getLongProperty(CAPTURED_AT)),
                RowChangeCodec.decode(text.getText()));
    }
}
