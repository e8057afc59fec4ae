package io.coffer.replication.capture;

import io.coffer.replication.event.Operation;
import io.coffer.replication.event.RowChange;
import io.coffer.replication.event.RowChangeCodec;
import io.coffer.routing.entity.StoreId;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.function.Consumer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEvent;
import org.eclipse.persistence.descriptors.DescriptorEventAdapter;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping.WriteType;
import org.eclipse.persistence.queries.DataModifyQuery;
import org.eclipse.persistence.queries.SQLCall;

/**
 * Turns every insert, update and delete of a replicated entity into a pending replication event, written by the
 * same session, on the same connection and in the same transaction as the write itself: the event exists if and
 * only if the write commits. The append is an insert of a new row with its own generated key, so concurrent writers
 * (of one tenancy or of many) never wait for each other here; sequence numbers are given later by the publisher.
 */
public class ReplicationInterceptor extends DescriptorEventAdapter {

    private static final String INSERT_PENDING =
            "INSERT INTO REPL_PENDING (TABLE_NAME, ENTITY_KEY, PAYLOAD, CAPTURED_AT)"
                    + " VALUES (#TABLE_NAME, #ENTITY_KEY, #PAYLOAD, #CAPTURED_AT)";

    private final StoreId store;
    private final CaptureSwitch captureSwitch;
    private final TransactionSynchronizationRegistry transactions;
    private final Consumer<StoreId> captured;
    private final Consumer<StoreId> committed;
    private final Clock clock;

    /**
     * @param captured called for every event written
     * @param committed called once after each transaction that wrote events to this store commits
     */
    public ReplicationInterceptor(
            StoreId store,
            CaptureSwitch captureSwitch,
            TransactionSynchronizationRegistry transactions,
            Consumer<StoreId> captured,
            Consumer<StoreId> committed,
            Clock clock) {
        this.store = store;
        this.captureSwitch = captureSwitch;
        this.transactions = transactions;
        this.captured = captured;
        this.committed = committed;
        this.clock = clock;
    }

    @Override
    public void postInsert(DescriptorEvent event) {
        capture(event, Operation.UPSERT, WriteType.INSERT);
    }

    @Override
    public void postUpdate(DescriptorEvent event) {
        capture(event, Operation.UPSERT, WriteType.UPDATE);
    }

    @Override
    public void postDelete(DescriptorEvent event) {
        capture(event, Operation.DELETE, WriteType.UPDATE);
    }

    private void capture(DescriptorEvent event, Operation operation, WriteType writeType) {
        if (!captureSwitch.isOn(store)) {
            return;
        }
        AbstractSession session = (AbstractSession) event.getSession();
        RowChange change = rowChange(event.getDescriptor(), event.getSource(), session, operation, writeType);
        DataModifyQuery insert = new DataModifyQuery(new SQLCall(INSERT_PENDING));
        insert.addArgument("TABLE_NAME");
        insert.addArgument("ENTITY_KEY");
        insert.addArgument("PAYLOAD");
        insert.addArgument("CAPTURED_AT");
        List<Object> values = new ArrayList<>(4);
        values.add(change.table());
        values.add(change.entityKey());
        values.add(RowChangeCodec.encode(change));
        values.add(Timestamp.from(clock.instant()));
        session.executeQuery(insert, values);
        captured.accept(store);
        wakePublisherAfterCommit();
    }

    static RowChange rowChange(
            ClassDescriptor descriptor,
            Object entity,
            AbstractSession session,
            Operation operation,
            WriteType writeType) {
        AbstractRecord row = descriptor.getObjectBuilder().buildRow(entity, session, writeType);
        List<String> keys = descriptor.getPrimaryKeyFields().stream()
                .map(DatabaseField::getName)
                .toList();
        Map<String, Object> columns = new LinkedHashMap<>();
        Vector<DatabaseField> fields = row.getFields();
        @SuppressWarnings("rawtypes")
        Vector values = row.getValues();
        for (int i = 0; i < fields.size(); i++) {
            String column = fields.get(i).getName();
            if (operation == Operation.UPSERT || keys.contains(column)) {
                columns.put(column, values.get(i));
            }
        }
        return new RowChange(descriptor.getTableName(), operation, keys, columns);
    }

    /** Once per transaction and store: the publisher runs as soon as the write is committed, not at its next tick. */
    private void wakePublisherAfterCommit() {
        String key = "coffer.replication.wake." + store.name();
        try {
            if (transactions.getResource(key) != null) {
                return;
            }
            transactions.putResource(key, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        committed.accept(store);
                    }
                }
            });
        } catch (IllegalStateException tooLateToRegister) {
            // The transaction is already completing; the publisher's next tick picks the event up.
        }
    }
}
