package io.coffer.replication.store;

import java.sql.Blob;
import java.sql.SQLException;

/**
 * Java functions a remote store's Derby network server runs for Coffer ({@code CREATE FUNCTION ... EXTERNAL NAME}, see
 * {@link WholeRows}). The server loads this class from a jar {@code ./coffer start} puts on its class path, and
 * nothing else of Coffer's: JDK classes only.
 */
public final class StoreFunctions {

    private StoreFunctions() {}

    /** A BLOB's bytes as a plain value of the row, so that they travel with it instead of through a locator. */
    public static byte[] blobBytes(Blob value) throws SQLException {
        return value.getBytes(1, (int) value.length());
    }
}
