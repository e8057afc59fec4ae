package io.coffer.replication.apply;

import io.coffer.platform.failpoint.Failpoints;
import io.coffer.replication.event.EventMessages;
import io.coffer.replication.event.ReplicationEvent;
import io.coffer.replication.monitor.ReplicationMetrics;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.logging.Logger;

/**
 * Receives every replication message on this host (a durable subscription of its own, one session so events arrive in
 * order), decodes its batch of events and hands it to the {@link EventApplier}, which commits them to the local store
 * in one transaction before the message is acknowledged; an exception leaves the message to be redelivered.
 * Activation config: META-INF/ejb-jar.xml.
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
        List<ReplicationEvent> events;
        try {
            events = EventMessages.decode(message);
        } catch (JMSException | RuntimeException unreadable) {
            // Dropping it loses nothing: the next event's gap is filled from the remote log.
            metrics.applyFailed("unreadable");
            LOG.warning("dropped an unreadable replication message: " + unreadable.getMessage());
            return;
        }
        applier.apply(events);
        Failpoints.reach(Failpoints.APPLY_AFTER_COMMIT);
    }
}
