package io.coffer.routing.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.routing.entity.StoreId;
import org.junit.jupiter.api.Test;

class ReadSamplingTest {

    @Test
    void samplesTheShareOfDrawsBelowThePercentAndNoneAtZero() {
        assertThat(ReadSampling.chosen(1, 0.0)).isTrue();
        assertThat(ReadSampling.chosen(1, 0.0099)).isTrue();
        assertThat(ReadSampling.chosen(1, 0.01)).isFalse();
        assertThat(ReadSampling.chosen(1, 0.5)).isFalse();
        assertThat(ReadSampling.chosen(0, 0.0)).as("0 switches it off").isFalse();
        assertThat(ReadSampling.chosen(100, 0.9999))
                .as("100 samples every read")
                .isTrue();
        long chosen = 0;
        for (int i = 0; i < 10_000; i++) {
            if (ReadSampling.chosen(25, i / 10_000.0)) {
                chosen++;
            }
        }
        assertThat(chosen).isEqualTo(2_500);
    }

    @Test
    void aFullQueueDropsAndCountsTheSampleInsteadOfWaiting() {
        SampleQueue queue = new SampleQueue(2);
        ReadSample one = new ReadSample(StoreId.of("shard-0"), "SECRET", "a");
        ReadSample two = new ReadSample(StoreId.of("shard-0"), "SECRET", "b");
        ReadSample three = new ReadSample(StoreId.of("shard-0"), "SECRET", "c");
        assertThat(queue.offer(one)).isTrue();
        assertThat(queue.offer(two)).isTrue();
        assertThat(queue.offer(three)).isFalse();
        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.take(1)).containsExactly(one);
        assertThat(queue.offer(three)).as("room again once drained").isTrue();
        assertThat(queue.take(10)).containsExactly(two, three);
        assertThat(queue.take(10)).isEmpty();
        assertThat(queue.dropped()).isEqualTo(1);
    }
}
