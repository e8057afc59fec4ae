package io.coffer.replication.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.routing.entity.StoreId;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WholeRowsTest {

    private static final String TABLE =
            "CREATE TABLE DOCUMENT (ID VARCHAR(16) NOT NULL PRIMARY KEY, N INTEGER," + " CONTENT BLOB, NOTES CLOB)";
    private static final byte[] SMALL = {1, 2, (byte) 0xff};
    private static final byte[] LARGE = filled(WholeRows.INLINE_LIMIT + 1);
    private static final String LONG_TEXT = "x".repeat(WholeRows.INLINE_LIMIT + 1);

    private static DerbyStore remote;
    private static DerbyStore local;

    @BeforeAll
    static void stores() throws SQLException {
        remote = DerbyStore.remote(StoreId.of("shard-0"));
        local = DerbyStore.local(TABLE);
        remote.execute(TABLE);
        for (DerbyStore store : List.of(remote, local)) {
            insert(store.connection(), "a", SMALL, "short");
            insert(store.connection(), "b", LARGE, LONG_TEXT);
            insert(store.connection(), "c", null, null);
            store.connection().commit();
        }
    }

    @AfterAll
    static void close() throws SQLException {
        remote.close();
        local.close();
    }

    @Test
    void aStoreThatRunsTheFunctionSendsSmallLargeObjectsInTheRowAndLargerOnesByLocator() throws SQLException {
        Map<String, Map<String, Object>> rows = read(remote.connection());

        assertThat(rows.get("a").keySet()).containsExactly("ID", "N", "CONTENT", "NOTES");
        assertThat(rows.get("a").get("CONTENT")).isInstanceOf(byte[].class).isEqualTo(SMALL);
        assertThat(rows.get("a").get("NOTES")).isEqualTo("short");
        assertThat(rows.get("b").get("CONTENT")).isInstanceOf(Blob.class);
        assertThat(bytes(rows.get("b").get("CONTENT"))).isEqualTo(LARGE);
        assertThat(text(rows.get("b").get("NOTES"))).isEqualTo(LONG_TEXT);
        assertThat(rows.get("c")).containsEntry("CONTENT", null).containsEntry("NOTES", null);
    }

    @Test
    void aStoreWithoutTheFunctionSendsBlobsByLocatorAndTheSameValues() throws SQLException {
        Map<String, Map<String, Object>> rows = read(local.connection());

        assertThat(rows.get("a").keySet()).containsExactly("ID", "N", "CONTENT", "NOTES");
        assertThat(rows.get("a").get("CONTENT")).isInstanceOf(Blob.class);
        assertThat(bytes(rows.get("a").get("CONTENT"))).isEqualTo(SMALL);
        assertThat(bytes(rows.get("b").get("CONTENT"))).isEqualTo(LARGE);
        assertThat(rows.get("a").get("NOTES")).isEqualTo("short");
        assertThat(rows.get("c")).containsEntry("CONTENT", null).containsEntry("NOTES", null);
    }

    @Test
    void aRowDigestsTheSameWhicheverWayItsLargeObjectsCame() throws SQLException {
        Map<String, Map<String, Object>> inline = read(remote.connection());
        Map<String, Map<String, Object>> byLocator = read(local.connection());

        for (String key : List.of("a", "b", "c")) {
            assertThat(digest(inline.get(key))).as(key).isEqualTo(digest(byLocator.get(key)));
        }
    }

    private static Map<String, Map<String, Object>> read(Connection connection) throws SQLException {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT "
                        + WholeRows.selectList(connection, "DOCUMENT", "d") + " FROM DOCUMENT d ORDER BY d.ID");
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.put(result.getString("ID"), WholeRows.values(result, result.getMetaData()));
            }
        }
        return rows;
    }

    private static String digest(Map<String, Object> row) throws SQLException {
        var digest = ColumnDigests.sha256();
        ColumnDigests.row(digest, row);
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static void insert(Connection connection, String id, byte[] content, String notes) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO DOCUMENT VALUES (?, 7, ?, ?)")) {
            insert.setString(1, id);
            insert.setBytes(2, content);
            insert.setString(3, notes);
            insert.executeUpdate();
        }
    }

    private static byte[] bytes(Object value) throws SQLException {
        return value instanceof Blob blob ? blob.getBytes(1, (int) blob.length()) : (byte[]) value;
    }

    private static String text(Object value) throws SQLException {
        return value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : (String) value;
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 7);
        return bytes;
    }
}
