package io.coffer.replication.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.store.DerbyStore;
import io.coffer.routing.entity.StoreId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which stores hold rows their replication log does not carry, on a real (embedded, in-memory) Derby store. */
class LogCoverageTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SortedMap<String, String> TABLES = new TreeMap<>(Map.of("PROBE", "ID", "NOTE", "NOTE_ID"));

    private static DerbyStore remote;

    @BeforeAll
    static void createStore() throws SQLException {
        remote = DerbyStore.remote(StoreId.of("shard-0"));
        remote.execute("CREATE TABLE PROBE (ID VARCHAR(64) NOT NULL PRIMARY KEY)");
        remote.execute("CREATE TABLE NOTE (NOTE_ID VARCHAR(64) NOT NULL PRIMARY KEY)");
        remote.connection().commit();
    }

    @AfterAll
    static void dropStore() throws SQLException {
        remote.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        remote.reset();
    }

    @Test
    void anEmptyStoreIsCovered() throws SQLException {
        assertThat(LogCoverage.firstUncoveredTable(remote.connection(), TABLES)).isEmpty();
    }

    @Test
    void rowsNamedByTheLogOrByPendingEventsAreCovered() throws SQLException {
        insert("PROBE", "p-1");
        insert("PROBE", "p-2");
        insert("NOTE", "n-1");
        remote.logged(1, 1, "PROBE", "p-1", "{}", T0);
        remote.logged(1, 2, "NOTE", "n-1", "{}", T0);
        remote.pending("PROBE", "p-2", "{}", T0);
        remote.connection().commit();

        assertThat(LogCoverage.firstUncoveredTable(remote.connection(), TABLES)).isEmpty();
    }

    @Test
    void aRowWrittenBeforeCaptureIsNotCovered() throws SQLException {
        insert("PROBE", "p-1");
        insert("NOTE", "n-1");
        remote.logged(1, 1, "PROBE", "p-1", "{}", T0);
        // The same key in another table's log entries does not count.
        remote.logged(1, 2, "PROBE", "n-1", "{}", T0);
        remote.connection().commit();

        assertThat(LogCoverage.firstUncoveredTable(remote.connection(), TABLES)).contains("NOTE");
    }

    private static void insert(String table, String id) throws SQLException {
        try (PreparedStatement insert = remote.connection().prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }
}
