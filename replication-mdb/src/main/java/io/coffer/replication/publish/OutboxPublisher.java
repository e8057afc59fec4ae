package io.coffer.replication.publish;

import io.coffer.platform.failpoint.Failpoints;
import io.coffer.platform.time.RealTime;
import io.coffer.replication.event.EventBatch;
import io.coffer.replication.event.EventMessages;
import io.coffer.replication.publish.OutboxLog.Logged;
import io.coffer.replication.store.RemoteLog;
import io.coffer.replication.store.StoreConnections;
import io.coffer.routing.entity.StoreId;
import jakarta.annotation.Resource;
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
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Moves pending events of one store into its numbered log and onto the replication topic, in three steps that never
 * hold the store and the broker in one transaction: {@link #logPending} numbers a batch into the log in a short
 * transaction on the store alone; {@link #send} then sends what the log holds unsent to the topic outside any
 * transaction, and records how far it got. A crash or a broker outage between the two costs a resend (which apply
 * skips as a duplicate), never a loss: the log is what hosts catch up from.
 */
@Stateless
public class OutboxPublisher {

    /** The ActiveMQ resource adapter's connection factory. */
    static final String CONNECTION_FACTORY = "jms/coffer/ConnectionFactory";
    /** The topic every host subscribes to (broker-side name {@code coffer.replication}, as the MDB's ejb-jar.xml says). */
    static final String TOPIC = "jms/coffer/replication";
    /**
     * Entries above the sent mark that are older than this are resent by whichever publisher runs next: the one that
     * logged them did not record their send in time (it died, or the broker was down). Longer than a send of a full
     * batch normally takes, so that publishers do not resend each other's batches in flight.
     */
    static final Duration RESEND_AFTER = Duration.ofSeconds(5);

    @Inject
    StoreConnections connections;

    @Inject
    @RealTime
    Clock clock;

    @Resource(lookup = CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = TOPIC)
    Topic topic;

    /**
     * Step 1: numbers up to {@code limit} pending events into the store's log, in a transaction of its own on the
     * store alone (one resource, one-phase commit).
     *
     * @throws PublishFailed when the store cannot be reached
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Logged logPending(StoreId store, int limit) {
        try (Connection remote = connections.remote(store)) {
            return OutboxLog.logPending(remote, store, limit, clock.instant());
        } catch (SQLException failure) {
            throw new PublishFailed(
                    "logging the replication events of store " + store + " failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * Steps 2 and 3: sends up to {@code limit} logged entries to the topic by the {@link SendPlan} (what this run
     * logged, or whatever waits too long above the sent mark), in {@link EventBatch batches}, each a persistent
     * message within the broker's send deadline, outside any transaction (so the resource adapter enlists nothing),
     * then moves the store's sent mark in a statement of its own.
     *
     * @param justLogged what this run's step 1 numbered, if anything
     * @return how many entries were sent
     * @throws SendFailed    when the broker refused or did not answer in time (the entries stay above the mark)
     * @throws PublishFailed when the store cannot be reached
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int send(StoreId store, Optional<Logged> justLogged, int limit) {
        try (Connection remote = connections.remote(store)) {
            Optional<SendPlan> plan =
                    SendPlan.of(OutboxLog.sendState(remote, store), justLogged, clock.instant(), RESEND_AFTER);
            if (plan.isEmpty()) {
                return 0;
            }
            List<EventBatch.Entry> entries =
                    RemoteLog.entries(remote, plan.get().first(), plan.get().last(), limit);
            sendToTopic(store, plan.get().epoch(), entries);
            Failpoints.reach(Failpoints.PUBLISH_AFTER_SEND);
            long sentUpTo = entries.size() == limit
                    ? entries.get(entries.size() - 1).sequence()
                    : plan.get().last();
            OutboxLog.markSent(remote, store, plan.get().epoch(), sentUpTo);
            if (!remote.getAutoCommit()) {
                // outside a transaction a pool's connection normally commits each statement; if not, commit here
                remote.commit();
            }
            return entries.size();
        } catch (SQLException failure) {
            throw new PublishFailed(
                    "reading or marking the replication log of store " + store + " failed: " + failure.getMessage(),
                    failure);
        }
    }

    private void sendToTopic(StoreId store, long epoch, List<EventBatch.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (jakarta.jms.Connection broker = connectionFactory.createConnection()) {
            // Outside a transaction the adapter's session is not transacted: each persistent send returns once the
            // broker has stored the message, or fails at the send deadline.
            Session session = broker.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(topic);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (List<EventBatch.Entry> batch : EventBatch.split(entries)) {
                producer.send(EventMessages.encode(session, store, epoch, batch));
            }
        } catch (JMSException failure) {
            throw new SendFailed(
                    "sending the replication events of store " + store + " to the broker failed: "
                            + failure.getMessage(),
                    failure);
        }
    }
}
