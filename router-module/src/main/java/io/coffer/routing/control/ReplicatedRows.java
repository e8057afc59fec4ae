package io.coffer.routing.control;

import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoreId;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnitUtil;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.sessions.Session;

/**
 * The replicated rows a read's result holds: the result itself when it is a replicated entity, the elements of a
 * collection, the components of a record (one level: a read returns an entity, a list of them, or a record of
 * them). Keys are the primary-key value as replication's log names it. Named by the mappings of the persistence unit
 * the rows were read through (or, for a plain-JDBC read of the local store, the local unit): the result need not be
 * managed by any entity manager.
 */
final class ReplicatedRows {

    private ReplicatedRows() {}

    static List<ReadSample> of(StoreId store, EntityManagerFactory unit, Object result) {
        List<ReadSample> rows = new ArrayList<>();
        Session session = JpaHelper.getDatabaseSession(unit);
        collect(store, unit.getPersistenceUnitUtil(), session, result, rows, true);
        return rows;
    }

    private static void collect(
            StoreId store,
            PersistenceUnitUtil units,
            Session session,
            Object value,
            List<ReadSample> rows,
            boolean descend) {
        if (value == null) {
            return;
        }
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> collect(store, units, session, inner, rows, descend));
        } else if (value.getClass().isAnnotationPresent(Replicated.class)) {
            ClassDescriptor descriptor = session.getDescriptor(value.getClass());
            Object id = units.getIdentifier(value);
            if (descriptor != null && id != null) {
                rows.add(new ReadSample(store, descriptor.getTableName(), String.valueOf(id)));
            }
        } else if (descend && value instanceof Collection<?> collection) {
            collection.forEach(element -> collect(store, units, session, element, rows, false));
        } else if (descend && value instanceof Record record) {
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    collect(store, units, session, component.getAccessor().invoke(record), rows, false);
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    // Not a row the verifier can name: it is simply not sampled.
                }
            }
        }
    }
}
