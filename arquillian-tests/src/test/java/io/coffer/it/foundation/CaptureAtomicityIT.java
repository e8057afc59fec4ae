package io.coffer.it.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coffer.probe.entity.Probe;
import io.coffer.routing.control.ShardRouter;
import io.coffer.routing.control.StoreDataSources;
import io.coffer.routing.entity.StoreId;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the deployed EAR: interception rides on the writer's transaction. A write that rolls back leaves no
 * replication event behind; a write that commits leaves exactly one, numbered in the store's log.
 */
@ExtendWith(ArquillianExtension.class)
class CaptureAtomicityIT {

    @Inject
    ShardRouter router;

    @Inject
    StoreDataSources dataSources;

    @Inject
    UserTransaction transaction;

    @Deployment
    static EnterpriseArchive cofferWithThisTest() {
        EnterpriseArchive ear =
                ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("coffer.ear")));
        WebArchive web = ear.getAsType(WebArchive.class, "web-module.war");
        web.addClass(CaptureAtomicityIT.class);
        ear.delete("web-module.war");
        return ear.addAsModule(web);
    }

    @Test
    void aRolledBackWriteLeavesNoEventAndACommittedOneLeavesOne() throws Exception {
        StoreId shard = StoreId.of("shard-0");
        Probe rolledBack = new Probe(shard.name(), "rolled back", Instant.now());
        transaction.begin();
        router.shard(shard).persist(rolledBack);
        router.shard(shard).flush();
        transaction.rollback();

        Probe committed = new Probe(shard.name(), "committed", Instant.now());
        transaction.begin();
        router.shard(shard).persist(committed);
        transaction.commit();

        DataSource remote = dataSources.remote(shard);
        assertEquals(0, events(remote, rolledBack.id()), "events of the rolled-back probe");
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && logged(remote, committed.id()) == 0) {
            Thread.sleep(200);
        }
        assertEquals(1, logged(remote, committed.id()), "logged events of the committed probe");
        assertEquals(1, events(remote, committed.id()), "events of the committed probe");
        try (Connection connection = remote.getConnection();
                PreparedStatement pending =
                        connection.prepareStatement("SELECT COUNT(*) FROM REPL_PENDING WHERE ENTITY_KEY = ?")) {
            pending.setString(1, committed.id());
            try (ResultSet count = pending.executeQuery()) {
                count.next();
                assertEquals(0, count.getLong(1), "a published event is no longer pending");
            }
        }
    }

    private static long logged(DataSource remote, String entityKey) throws Exception {
        try (Connection connection = remote.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT COUNT(*) FROM REPL_LOG WHERE ENTITY_KEY = ?")) {
            count.setString(1, entityKey);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Events of that entity, pending or already in the log. */
    private static long events(DataSource remote, String entityKey) throws Exception {
        try (Connection connection = remote.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT (SELECT COUNT(*) FROM REPL_PENDING WHERE ENTITY_KEY = ?)"
                                + " + (SELECT COUNT(*) FROM REPL_LOG WHERE ENTITY_KEY = ?) FROM SYSIBM.SYSDUMMY1")) {
            count.setString(1, entityKey);
            count.setString(2, entityKey);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
