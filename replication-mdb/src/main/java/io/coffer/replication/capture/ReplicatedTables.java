package io.coffer.replication.capture;

import io.coffer.routing.entity.Replicated;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaEntityManager;
import org.eclipse.persistence.sessions.Session;

/**
 * What replication carries from a store, as EclipseLink's metadata of the store's unit says: the {@link Replicated}
 * entities, each with one primary-key column (a host drops one store's rows by key when that store's replication is
 * rolled back). Capture listens on exactly these; a checksum covers exactly their tables.
 */
public final class ReplicatedTables {

    private ReplicatedTables() {}

    /** The replicated entities' descriptors of a session that is being set up. */
    public static List<ClassDescriptor> descriptors(Session session) {
        List<ClassDescriptor> replicated = session.getDescriptors().values().stream()
                .filter(descriptor -> descriptor.getJavaClass().isAnnotationPresent(Replicated.class))
                .toList();
        for (ClassDescriptor descriptor : replicated) {
            if (descriptor.getPrimaryKeyFields().size() != 1) {
                throw new IllegalStateException(descriptor.getJavaClass().getName()
                        + " is @Replicated and must have exactly one primary key column");
            }
        }
        return replicated;
    }

    /** Each replicated table of the entity manager's store with its primary-key column. */
    public static SortedMap<String, String> of(EntityManager store) {
        SortedMap<String, String> tables = new TreeMap<>();
        for (ClassDescriptor descriptor :
                descriptors(store.unwrap(JpaEntityManager.class).getDatabaseSession())) {
            tables.put(
                    descriptor.getTableName(),
                    descriptor.getPrimaryKeyFields().get(0).getName());
        }
        return tables;
    }
}
