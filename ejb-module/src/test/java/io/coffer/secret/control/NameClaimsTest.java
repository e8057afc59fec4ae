package io.coffer.secret.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.secret.entity.SecretLifecycleState;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameClaimsTest {

    private static final Instant NAMED = Instant.parse("2026-11-27T03:00:00Z");

    @Test
    void aNameStandingForALiveSecretIsNeverTakenOver() {
        for (SecretLifecycleState state : SecretLifecycleState.values()) {
            if (state != SecretLifecycleState.DELETED) {
                assertThat(NameClaims.mayTakeOver(Optional.of(state), NAMED, NAMED.plusSeconds(86_400)))
                        .as(state.name())
                        .isFalse();
            }
        }
    }

    @Test
    void aDeletedSecretsNameIsFreeAtOnce() {
        assertThat(NameClaims.mayTakeOver(Optional.of(SecretLifecycleState.DELETED), NAMED, NAMED))
                .isTrue();
    }

    @Test
    void aNameForASecretItsShardDoesNotHaveIsFreeOnlyOnceItsCreateCannotStillBeRunning() {
        assertThat(NameClaims.mayTakeOver(Optional.empty(), NAMED, NAMED.plusSeconds(5)))
                .as("a create in flight: its secret is not committed yet")
                .isFalse();
        assertThat(NameClaims.mayTakeOver(
                        Optional.empty(),
                        NAMED,
                        NAMED.plus(NameClaims.ABANDONED_AFTER).minusMillis(1)))
                .isFalse();
        assertThat(NameClaims.mayTakeOver(Optional.empty(), NAMED, NAMED.plus(NameClaims.ABANDONED_AFTER)))
                .as("abandoned by a create that failed or whose host died")
                .isTrue();
        assertThat(NameClaims.mayTakeOver(Optional.empty(), null, NAMED))
                .as("no route either: nothing stands behind the name")
                .isTrue();
    }

    @Test
    void aCreateWritesItsSecretOnlyWhileItsShardTransactionCanEndBeforeTheNameMayBeTakenOver() {
        assertThat(NameClaims.mayStillWrite(NAMED, NAMED.plusSeconds(1))).isTrue();
        assertThat(NameClaims.mayStillWrite(NAMED, NAMED.plus(NameClaims.WRITE_WITHIN)))
                .as("a create whose host was frozen after taking the name")
                .isFalse();
        // The store rolls back a transaction 30 s after it started (derby.jdbc.xaTransactionTimeout).
        assertThat(NameClaims.WRITE_WITHIN.plusSeconds(30)).isLessThan(NameClaims.ABANDONED_AFTER);
    }
}
