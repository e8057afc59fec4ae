package io.coffer.routing.entity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a remote store: the base store ({@code base}) or the store of one shard ({@code shard-0}, ...).
 * A store name is also the suffix of its JDBC resource ({@code jdbc/coffer/<name>}).
 */
public final class StoreId implements Comparable<StoreId> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    public static final StoreId BASE = new StoreId("base");

    private final String name;

    private StoreId(String name) {
        this.name = name;
    }

    public static StoreId of(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a store name is 1 to 31 lower-case letters, digits or '-', starting with a letter: " + name);
        }
        return name.equals(BASE.name) ? BASE : new StoreId(name);
    }

    public String name() {
        return name;
    }

    public boolean isBase() {
        return this == BASE;
    }

    public String jdbcResource() {
        return "jdbc/coffer/" + name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreId that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public int compareTo(StoreId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
