package io.coffer.platform.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeWatchTest {

    private final ChangeWatch watch = new ChangeWatch();

    @Test
    void theFirstLookOnlyLearnsTheCounter() {
        assertThat(watch.moved(Optional.of(7L))).isFalse();
        assertThat(watch.moved(Optional.of(7L))).isFalse();
    }

    @Test
    void aMoveIsReportedOnceAtTheNextLook() {
        watch.moved(Optional.of(0L));

        assertThat(watch.moved(Optional.of(1L))).isTrue();
        assertThat(watch.moved(Optional.of(1L))).isFalse();
        assertThat(watch.moved(Optional.of(3L)))
                .as("two moves between looks are one")
                .isTrue();
    }

    @Test
    void aCounterThatExpiredAndStartedAgainStillReadsAsAMove() {
        watch.moved(Optional.of(41L));

        assertThat(watch.moved(Optional.of(1L))).isTrue();
    }

    @Test
    void anUnreadableGridIsNoMoveAndForgetsNothing() {
        watch.moved(Optional.of(5L));

        assertThat(watch.moved(Optional.empty())).isFalse();
        assertThat(watch.moved(Optional.of(5L)))
                .as("still the counter seen before the outage")
                .isFalse();
        assertThat(watch.moved(Optional.of(6L))).isTrue();
    }

    @Test
    void aGridThatWasUnreadableFromTheStartIsLearnedAtItsFirstAnswer() {
        assertThat(watch.moved(Optional.empty())).isFalse();
        assertThat(watch.moved(Optional.of(2L))).isFalse();
        assertThat(watch.moved(Optional.of(3L))).isTrue();
    }
}
