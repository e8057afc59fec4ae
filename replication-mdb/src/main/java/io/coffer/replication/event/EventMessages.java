package io.coffer.replication.event;

import io.coffer.routing.entity.StoreId;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.List;

/**
 * Replication events as JMS messages on the topic. The publisher sends a {@link EventBatch} of one store's log per
 * message: its entries in the body, the store, epoch, first sequence and entry count as properties. The MDB reads it
 * back, and still reads the one-event text messages of earlier versions (the row change as its logged JSON text) that
 * a broker may hold from before an upgrade.
 */
public final class EventMessages {

    static final String STORE = "store";
    static final String EPOCH = "epoch";
    static final String SEQUENCE = "seq";
    static final String CAPTURED_AT = "capturedAt";
    static final String COUNT = "count";

    private EventMessages() {}

    /** @param entries consecutive entries of the store's log, at least one */
    public static BytesMessage encode(Session session, StoreId store, long epoch, List<EventBatch.Entry> entries)
            throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(EventBatch.encode(entries));
        message.setStringProperty(STORE, store.name());
        message.setLongProperty(EPOCH, epoch);
        message.setLongProperty(SEQUENCE, entries.get(0).sequence());
        message.setIntProperty(COUNT, entries.size());
        return message;
    }

    /**
     * @return the message's events, in log order
     * @throws IllegalArgumentException if the message is not a replication event batch or event
     */
    public static List<ReplicationEvent> decode(Message message) throws JMSException {
        StoreId store = StoreId.of(message.getStringProperty(STORE));
        long epoch = message.getLongProperty(EPOCH);
        if (message instanceof BytesMessage bytes) {
            long length = bytes.getBodyLength();
            if (length > 4L * EventBatch.MAX_PAYLOAD_BYTES + 1_000_000) {
                throw new IllegalArgumentException("a replication message of " + length + " bytes");
            }
            byte[] body = new byte[(int) length];
            bytes.readBytes(body);
            return EventBatch.decode(body).stream()
                    .map(entry -> new ReplicationEvent(
                            store, epoch, entry.sequence(), entry.capturedAt(), RowChangeCodec.decode(entry.payload())))
                    .toList();
        }
        if (message instanceof TextMessage text) {
            return List.of(new ReplicationEvent(
                    store,
                    epoch,
                    text.getLongProperty(SEQUENCE),
                    Instant.ofEpochMilli(text.getLongProperty(CAPTURED_AT)),
                    RowChangeCodec.decode(text.getText())));
        }
        throw new IllegalArgumentException(
                "neither an event batch nor an event: " + message.getClass().getName());
    }
}
