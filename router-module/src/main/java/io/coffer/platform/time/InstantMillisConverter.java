package io.coffer.platform.time;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/**
 * Stores an {@link Instant} as epoch milliseconds (BIGINT). EclipseLink 4.0 has no mapping for {@code Instant} and
 * falls back to a serialized BLOB, which Derby can neither compare nor sort, so deletion, rotation and list queries
 * could not work; milliseconds are also free of any time zone, so every host reads the same instant. The entity field
 * stays an {@code Instant}, which is what replication carries. Applied to every {@code Instant} attribute of every
 * unit that lists it (all of Coffer's do).
 */
@Converter(autoApply = true)
public class InstantMillisConverter implements AttributeConverter<Instant, Long> {

    @Override
    public Long convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    @Override
    public Instant convertToEntityAttribute(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
