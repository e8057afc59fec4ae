package io.coffer.replication.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void entriesComeBackInOrderWithTheirSequenceCaptureTimeAndPayload() {
        List<EventBatch.Entry> entries = List.of(
                new EventBatch.Entry(41, AT, "{\"table\":\"SECRET\"}"),
                new EventBatch.Entry(42, AT.plusMillis(7), "naïve ✓ ünïcode"),
                new EventBatch.Entry(43, AT.plusSeconds(1), ""));

        assertThat(EventBatch.decode(EventBatch.encode(entries))).containsExactlyElementsOf(entries);
    }

    @Test
    void aBatchClosesAtItsEntryLimitOrItsPayloadBytesAndKeepsTheOrder() {
        List<EventBatch.Entry> many = LongStream.rangeClosed(1, 450)
                .mapToObj(sequence -> new EventBatch.Entry(sequence, AT, "p" + sequence))
                .toList();
        List<List<EventBatch.Entry>> batches = EventBatch.split(many);
        assertThat(batches).extracting(List::size).containsExactly(200, 200, 50);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(many);

        String half = "x".repeat(EventBatch.MAX_PAYLOAD_BYTES / 2 + 1);
        List<EventBatch.Entry> large = List.of(
                new EventBatch.Entry(1, AT, half),
                new EventBatch.Entry(2, AT, half),
                new EventBatch.Entry(3, AT, "x".repeat(EventBatch.MAX_PAYLOAD_BYTES * 2)),
                new EventBatch.Entry(4, AT, "small"));
        assertThat(EventBatch.split(large))
                .as("two halves exceed the limit; an entry larger than it goes alone")
                .extracting(batch -> batch.get(0).sequence(), List::size)
                .containsExactly(tuple(1L, 1), tuple(2L, 1), tuple(3L, 1), tuple(4L, 1));
        assertThat(EventBatch.split(List.of())).isEmpty();
    }

    @Test
    void bytesThatAreNotAWholeBatchAreRefused() {
        byte[] good =
                EventBatch.encode(List.of(new EventBatch.Entry(1, AT, "one"), new EventBatch.Entry(2, AT, "two")));

        assertThatThrownBy(() -> EventBatch.decode(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventBatch.decode(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after its entries");
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> EventBatch.decode(otherVersion)).hasMessageContaining("version 9");
        byte[] hugeCount = good.clone();
        hugeCount[1] = 0x7f;
        assertThatThrownBy(() -> EventBatch.decode(hugeCount)).hasMessageContaining("claims");
        byte[] hugeLength = good.clone();
        hugeLength[1 + 4 + 16] = 0x7f;
        assertThatThrownBy(() -> EventBatch.decode(hugeLength)).hasMessageContaining("claims");
        assertThatThrownBy(() -> EventBatch.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ArrayList<>(EventBatch.decode(good))).hasSize(2);
    }
}
