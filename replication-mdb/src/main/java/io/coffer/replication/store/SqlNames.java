package io.coffer.replication.store;

import java.util.regex.Pattern;

/**
 * Table and column names that replication writes into SQL: they come from events and from the stores' metadata, so
 * each is checked to be a plain upper-case identifier before it is quoted into a statement.
 */
public final class SqlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9_]{0,127}");

    private SqlNames() {}

    /** @throws IllegalArgumentException if the name is not a plain identifier */
    public static void check(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a replicated table or column name: " + name);
        }
    }

    /** The checked name, quoted for SQL. */
    public static String quoted(String name) {
        check(name);
        return '"' + name + '"';
    }
}
