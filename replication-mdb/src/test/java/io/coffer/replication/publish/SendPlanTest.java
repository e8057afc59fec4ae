package io.coffer.replication.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.publish.OutboxLog.Logged;
import io.coffer.replication.publish.OutboxLog.SendState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final Duration RESEND_AFTER = Duration.ofSeconds(5);

    @Test
    void aRunSendsTheBatchItJustLogged() {
        SendState state = new SendState(1, 10, 15, Optional.of(NOW));

        assertThat(SendPlan.of(state, Optional.of(new Logged(1, 11, 15)), NOW, RESEND_AFTER))
                .contains(new SendPlan(1, 11, 15));
    }

    @Test
    void nothingIsSentWhenTheLogWasSentUpToItsHead() {
        SendState state = new SendState(1, 15, 15, Optional.empty());

        assertThat(SendPlan.of(state, Optional.empty(), NOW, RESEND_AFTER)).isEmpty();
        assertThat(SendPlan.of(state, Optional.of(new Logged(1, 16, 15)), NOW, RESEND_AFTER))
                .isEmpty();
    }

    @Test
    void youngUnsentEntriesOfAnotherPublisherAreLeftToIt() {
        // another instance logged 11..15 a moment ago and is sending them
        SendState state = new SendState(1, 10, 15, Optional.of(NOW.minusSeconds(1)));

        assertThat(SendPlan.of(state, Optional.empty(), NOW, RESEND_AFTER)).isEmpty();
    }

    @Test
    void entriesLeftUnsentLongerThanTheResendTimeAreResentFromTheMark() {
        // the publisher that logged 11..15 died before recording their send, or the broker was down
        SendState state = new SendState(1, 10, 15, Optional.of(NOW.minus(RESEND_AFTER)));

        assertThat(SendPlan.of(state, Optional.empty(), NOW, RESEND_AFTER)).contains(new SendPlan(1, 11, 15));
    }

    @Test
    void aRunThatLoggedAfterStaleEntriesSendsThemFirstThenItsOwn() {
        SendState state = new SendState(2, 10, 20, Optional.of(NOW.minusSeconds(30)));

        assertThat(SendPlan.of(state, Optional.of(new Logged(2, 16, 20)), NOW, RESEND_AFTER))
                .contains(new SendPlan(2, 11, 20));
    }

    @Test
    void aRunThatLoggedAfterYoungEntriesOfAnotherSendsOnlyItsOwn() {
        SendState state = new SendState(1, 10, 20, Optional.of(NOW.minusSeconds(1)));

        assertThat(SendPlan.of(state, Optional.of(new Logged(1, 16, 20)), NOW, RESEND_AFTER))
                .contains(new SendPlan(1, 16, 20));
    }

    @Test
    void aBatchAlreadyCoveredByTheMarkOrOfAnOlderEpochIsNotSent() {
        assertThat(SendPlan.of(
                        new SendState(1, 20, 25, Optional.of(NOW)),
                        Optional.of(new Logged(1, 16, 20)),
                        NOW,
                        RESEND_AFTER))
                .isEmpty();
        // the log was rolled into a new epoch between the batch's log commit and its send
        assertThat(SendPlan.of(
                        new SendState(2, 0, 3, Optional.of(NOW)),
                        Optional.of(new Logged(1, 16, 20)),
                        NOW,
                        RESEND_AFTER))
                .isEmpty();
    }

    @Test
    void aMarkBehindALogWithNothingLeftAboveItIsMovedToTheHead() {
        // the pruner removed entries every host had applied (from the log) before they were sent
        SendState state = new SendState(1, 10, 15, Optional.empty());

        assertThat(SendPlan.of(state, Optional.empty(), NOW, RESEND_AFTER)).contains(new SendPlan(1, 11, 15));
    }
}
