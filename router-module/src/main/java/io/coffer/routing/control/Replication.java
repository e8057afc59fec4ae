package io.coffer.routing.control;

import io.coffer.routing.entity.StoreId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * Replication as the rest of Coffer sees it: the {@link ReplicationPort} that replication-mdb installs at start-up.
 * It is handed over explicitly, as the router's {@link ReplicationHooks} are, because a bean of this EAR library
 * cannot look up a bean of an EJB module; and it is the one place that knows what holds before it is installed.
 */
@ApplicationScoped
public class Replication {

    private volatile ReplicationPort port;

    public void install(ReplicationPort installed) {
        this.port = installed;
    }

    /** See {@link ReplicationPort#caughtUp}; false until replication is installed. */
    public boolean caughtUp(StoreId store) {
        ReplicationPort installed = port;
        return installed != null && installed.caughtUp(store);
    }

    /** See {@link ReplicationPort#appliedEverywhere}. */
    public AppliedEverywhere appliedEverywhere(StoreId store, String table, Collection<String> keys) {
        return installed().appliedEverywhere(store, table, keys);
    }

    /** See {@link ReplicationPort#leadsCell}. */
    public boolean leadsCell() {
        return installed().leadsCell();
    }

    /** See {@link ReplicationPort#rollBack}. */
    public void rollBack(StoreId store) {
        installed().rollBack(store);
    }

    private ReplicationPort installed() {
        ReplicationPort installed = port;
        if (installed == null) {
            throw new IllegalStateException("replication is not installed yet");
        }
        return installed;
    }
}
