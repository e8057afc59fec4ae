package io.coffer.cell.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.replication.monitor.ReplicationProgress.CellMember;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostTurnsTest {

    private static final CellMember ONE = new CellMember("host-3", "https://127.0.0.1:8381");
    private static final CellMember TWO = new CellMember("host-4", "https://127.0.0.1:8481");
    private static final List<CellMember> CELL = List.of(ONE, TWO);
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private final HostTurns turns = new HostTurns();

    @Test
    void requestsTakeTheHostsInTurn() {
        assertThat(turns.order(CELL, NOW)).containsExactly(ONE, TWO);
        assertThat(turns.order(CELL, NOW)).containsExactly(TWO, ONE);
        assertThat(turns.order(CELL, NOW)).containsExactly(ONE, TWO);
    }

    @Test
    void aHostThatTimedOutComesLastForAWhileThenTakesItsTurnAgain() {
        turns.timedOut(ONE, NOW);

        assertThat(turns.order(CELL, NOW.plusSeconds(1))).containsExactly(TWO, ONE);
        assertThat(turns.order(CELL, NOW.plusSeconds(2))).containsExactly(TWO, ONE);
        assertThat(turns.order(CELL, NOW.plus(HostTurns.AVOIDED_FOR).plusSeconds(1)))
                .containsExactly(ONE, TWO);
    }

    @Test
    void anAnswerEndsTheAvoidance() {
        turns.timedOut(TWO, NOW);
        turns.answered(TWO);

        assertThat(turns.order(CELL, NOW)).containsExactly(ONE, TWO);
        assertThat(turns.order(CELL, NOW)).containsExactly(TWO, ONE);
    }

    @Test
    void aCellOfOneHostAlwaysTriesIt() {
        turns.timedOut(ONE, NOW);

        assertThat(turns.order(List.of(ONE), NOW)).containsExactly(ONE);
        assertThat(turns.order(List.of(), NOW)).isEmpty();
    }
}
