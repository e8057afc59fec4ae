package io.coffer.routing.entity;

import java.time.Instant;

/**
 * One stored row, read column by column by the column names the entities map: what a plain-JDBC read hands an
 * entity's row constructor, so that each mapped class reads its own columns (as its {@code @Column}s name them) and
 * the entity comes out as EclipseLink would have built it.
 */
public interface StoredRow {

    /** A text column (VARCHAR or CLOB); null when the column is NULL. */
    String text(String column);

    /** A number column; 0 when NULL (the columns read this way are NOT NULL or a primitive field's). */
    long number(String column);

    /** A boolean column; false when NULL. */
    boolean flag(String column);

    /** An instant stored as epoch milliseconds (as {@code InstantMillisConverter} writes it); null when NULL. */
    Instant instant(String column);

    /** A binary column (BLOB or bit data); null when NULL. */
    byte[] bytes(String column);
}
