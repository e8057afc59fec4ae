package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.throttling.control.TokenBucket.Take;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long NOW = 1_000_000_000_000L;
    private final Rate twentyPerSecond = new Rate(20, 1);

    @Test
    void aNewBucketIsFullAndGivesItsWholeBurstAtOnce() {
        Take take = TokenBucket.take(null, NOW, twentyPerSecond, 100);
        assertThat(take.granted()).isEqualTo(20);
        assertThat(take.nextArrivalMicros()).isEqualTo(NOW + 1_000_000);
    }

    @Test
    void anEmptyBucketRefusesAndSaysWhenTheNextTokenIsDue() {
        Take emptied = TokenBucket.take(null, NOW, twentyPerSecond, 20);
        Take refused = TokenBucket.take(emptied.nextArrivalMicros(), NOW, twentyPerSecond, 1);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.waitMicros()).isEqualTo(50_000);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        Take later = TokenBucket.take(emptied.nextArrivalMicros(), NOW + 50_000, twentyPerSecond, 5);
        assertThat(later.granted()).isEqualTo(1);
    }

    @Test
    void tokensFlowInAtTheRateUpToTheBurst() {
        Take emptied = TokenBucket.take(null, NOW, twentyPerSecond, 20);
        assertThat(TokenBucket.take(emptied.nextArrivalMicros(), NOW + 500_000, twentyPerSecond, 100)
                        .granted())
                .isEqualTo(10);
        assertThat(TokenBucket.take(emptied.nextArrivalMicros(), NOW + 60_000_000, twentyPerSecond, 100)
                        .granted())
                .isEqualTo(20);
    }

    @Test
    void overTenSecondsABucketAdmitsItsRateTimesTheSecondsPlusOneBurst() {
        Long arrival = null;
        int admitted = 0;
        for (long at = NOW; at < NOW + 10_000_000; at += 1_000) {
            Take take = TokenBucket.take(arrival, at, twentyPerSecond, 1);
            if (!take.refused()) {
                admitted += take.granted();
                arrival = take.nextArrivalMicros();
            }
        }
        assertThat(admitted).isBetween(219, 220);
    }

    @Test
    void aSlowRateMakesALongRetryAfter() {
        Rate onePerMinuteish = new Rate(1, 1);
        Take first = TokenBucket.take(null, NOW, onePerMinuteish, 1);
        Take refused = TokenBucket.take(first.nextArrivalMicros(), NOW + 100_000, onePerMinuteish, 1);
        assertThat(refused.waitMicros()).isEqualTo(900_000);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        Rate burst = new Rate(2, 5);
        Take drained = TokenBucket.take(null, NOW, burst, 10);
        assertThat(drained.granted()).isEqualTo(10);
        assertThat(TokenBucket.take(drained.nextArrivalMicros(), NOW, burst, 1).retryAfterSeconds())
                .isEqualTo(1);
    }

    @Test
    void aRateAndABurstAreAtLeastOne() {
        assertThatThrownBy(() -> new Rate(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rate(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenBucket.take(null, NOW, twentyPerSecond, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndNeverZero() {
        assertThat(RetryAfter.seconds(0)).isEqualTo(1);
        assertThat(RetryAfter.seconds(1)).isEqualTo(1);
        assertThat(RetryAfter.seconds(1_000_000)).isEqualTo(1);
        assertThat(RetryAfter.seconds(1_000_001)).isEqualTo(2);
        assertThat(RetryAfter.seconds(59_500_000)).isEqualTo(60);
    }

    @Test
    void aBatchIsATenthOfASecondsWorthAndAtLeastOne() {
        assertThat(new Rate(20, 1).largestBatch()).isEqualTo(2);
        assertThat(new Rate(5, 1).largestBatch()).isEqualTo(1);
        assertThat(new Rate(50_000, 2).largestBatch()).isEqualTo(5_000);
    }
}
