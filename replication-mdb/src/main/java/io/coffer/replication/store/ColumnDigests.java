package io.coffer.replication.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a replicated row's columns enter a digest, the one rule shared by the replica checksum and the migration's
 * sweep and live verifier: a remote row and its replica digest equal exactly when their column names and values are
 * equal, whatever the store returns for a large object.
 */
public final class ColumnDigests {

    private ColumnDigests() {}

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A piece of text, followed by a separator so that "ab"+"c" and "a"+"bc" differ. */
    public static void text(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1f);
    }

    /** A whole row (column → value, as {@link WholeRows#values} reads it): its columns in name order. */
    public static void row(MessageDigest digest, Map<String, Object> columns) throws SQLException {
        for (Map.Entry<String, Object> column : new TreeMap<>(columns).entrySet()) {
            column(digest, column.getKey(), column.getValue());
        }
    }

    /** One column: its name, its value (bytes as they are, anything else as text, null distinct from "null"). */
    public static void column(MessageDigest digest, String name, Object value) throws SQLException {
        text(digest, name);
        if (value instanceof Blob blob) {
            value = blob.getBytes(1, (int) blob.length());
        } else if (value instanceof Clob clob) {
            value = clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof byte[] bytes) {
            digest.update(bytes);
        } else {
            text(digest, value == null ? "\u0000null" : value.toString());
        }
        digest.update((byte) 0x1e);
    }
}
