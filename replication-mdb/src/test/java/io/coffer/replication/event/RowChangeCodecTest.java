package io.coffer.replication.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logged and wire form of a row change: every value comes back as the type a host writes into its store. */
class RowChangeCodecTest {

    private static final Instant AT = Instant.parse("2026-01-01T10:15:30.123456789Z");

    @Test
    void everyCarriedTypeComesBackAsWhatTheLocalStoreIsWrittenWith() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("ID", "s-1");
        columns.put("VERSION", 7);
        columns.put("SIZE", 9_000_000_000L);
        columns.put("RATIO", 0.25d);
        columns.put("AMOUNT", new BigDecimal("12345678901234567890.5"));
        columns.put("ACTIVE", true);
        columns.put("CONTENT", new byte[] {0, 1, (byte) 0xff});
        columns.put("CREATED_AT", Timestamp.from(AT));
        columns.put("UPDATED_AT", AT);
        columns.put("DUE_ON", Date.valueOf(LocalDate.of(2026, 2, 28)));
        columns.put("DESCRIPTION", null);

        RowChange decoded = RowChangeCodec.decode(
                RowChangeCodec.encode(new RowChange("SECRET", Operation.UPSERT, List.of("ID"), columns)));

        assertThat(decoded.table()).isEqualTo("SECRET");
        assertThat(decoded.operation()).isEqualTo(Operation.UPSERT);
        assertThat(decoded.keyColumns()).containsExactly("ID");
        assertThat(decoded.columns())
                .containsKeys(
                        "ID",
                        "VERSION",
                        "SIZE",
                        "RATIO",
                        "AMOUNT",
                        "ACTIVE",
                        "CONTENT",
                        "CREATED_AT",
                        "UPDATED_AT",
                        "DUE_ON",
                        "DESCRIPTION");
        assertThat(decoded.columns().get("VERSION")).isEqualTo(7L);
        assertThat(decoded.columns().get("SIZE")).isEqualTo(9_000_000_000L);
        assertThat(decoded.columns().get("RATIO")).isEqualTo(0.25d);
        assertThat(decoded.columns().get("AMOUNT")).isEqualTo(new BigDecimal("12345678901234567890.5"));
        assertThat(decoded.columns().get("ACTIVE")).isEqualTo(true);
        assertThat((byte[]) decoded.columns().get("CONTENT")).containsExactly(0, 1, 0xff);
        assertThat(decoded.columns().get("CREATED_AT")).isEqualTo(AT);
        assertThat(decoded.columns().get("UPDATED_AT")).isEqualTo(AT);
        assertThat(decoded.columns().get("DUE_ON")).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(decoded.columns().get("DESCRIPTION")).isNull();
    }

    @Test
    void aDeleteCarriesItsKeyAndTheEntityKeyJoinsKeyValues() {
        RowChange delete = new RowChange(
                "SECRET_VERSION",
                Operation.DELETE,
                List.of("SECRET_ID", "NUMBER"),
                Map.of("SECRET_ID", "s-1", "NUMBER", 3L));

        RowChange decoded = RowChangeCodec.decode(RowChangeCodec.encode(delete));

        assertThat(decoded.operation()).isEqualTo(Operation.DELETE);
        assertThat(decoded.entityKey()).isEqualTo("s-1|3");
    }

    @Test
    void aValueOfATypeReplicationDoesNotCarryIsRefusedAtCaptureAndAnUnknownTagAtApply() {
        RowChange unsupported = new RowChange(
                "PROBE", Operation.UPSERT, List.of("ID"), Map.of("ID", "p-1", "WHEN", new java.util.Date()));

        assertThatThrownBy(() -> RowChangeCodec.encode(unsupported))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WHEN");
        assertThatThrownBy(() -> RowChangeCodec.decode(
                        "{\"table\":\"PROBE\",\"op\":\"U\",\"key\":[\"ID\"],\"row\":{\"ID\":[\"q\",\"p-1\"]}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown value tag");
        assertThatThrownBy(() -> new RowChange("PROBE", Operation.UPSERT, List.of("ID"), Map.of("NOTE", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
