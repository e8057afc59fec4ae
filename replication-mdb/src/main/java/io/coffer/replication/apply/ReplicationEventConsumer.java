package io.coffer.replication.apply;

import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.event.ReplicationResources;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.replication.monitor.ReplicationMetrics;
import io.coffer.routing.entity.StoreId;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Receives every replication event on this host (a durable subscription of its own, one session so events arrive in
 * order) and hands it to the {@link EventApplier}, which commits it to the local store before the message is
 * acknowledged; an exception leaves the message to be redelivered. Activation config: META-INF/ejb-jar.xml.
 */
@MessageDriven(name = "ReplicationEventConsumer")
@TransactionManagement(TransactionManagementType.BEAN)
public class ReplicationEventConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ReplicationEventConsumer.class.getName());

    @EJB
    EventApplier applier;

    @Inject
    ReplicationMetrics metrics;

    @Override
    public void onMessage(Message message) {
        ReplicationEvent event;
        try {
            event = decode(message);
        } catch (JMSException | RuntimeException unreadable) {
            // Dropping it loses nothing: the next event's gap is filled from the remote log.
            metrics.applyFailed("unreadable");
            LOG.warning("dropped an unreadable replication message: " + unreadable.getMessage());
            return;
        }
        applier.apply(event);
    }

    private static ReplicationEvent decode(Message message) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            throw new IllegalArgumentException("not a text message: " + message.getClass().getName());
        }
        return new ReplicationEvent(
                StoreId.of(text.getStringProperty(ReplicationResources.STORE_PROPERTY)),
                text.getLongProperty(ReplicationResources.EPOCH_PROPERTY),
                text.getLongProperty(ReplicationResources.SEQUENCE_PROPERTY),
                Instant.ofEpochMilli(text.getLongProperty(ReplicationResources.CAPTURED_AT_PROPERTY)),
                RowChangeCodec.decode(text.getText()));
    }
}
