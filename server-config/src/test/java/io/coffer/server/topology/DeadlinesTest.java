package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.server.derby.DeadlineClientXADataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadlinesTest {

    @Test
    void aStoreTransactionStopsSendingStatementsBeforeTheStoreRollsItBack() {
        // A statement sent before the cutoff reaches the server before its XA timeout fires, with a reply's deadline
        // to spare; one sent after the timeout would lock rows for good (see DeadlineClientXADataSource.BranchClock).
        assertThat(DeadlineClientXADataSource.DEFAULT_STATEMENT_CUTOFF_SECONDS + Deadlines.DEFAULTS.storeReadSeconds())
                .isLessThanOrEqualTo(DerbyServer.XA_TRANSACTION_TIMEOUT_SECONDS);
    }

    @Test
    void aHomeWithoutTheFileGetsTheDefaults(@TempDir Path home) {
        assertThat(Deadlines.of(home)).isEqualTo(Deadlines.DEFAULTS);
        assertThat(Deadlines.DEFAULTS.storeReadSeconds()).isEqualTo(3);
        assertThat(Deadlines.DEFAULTS.poolWaitMillis()).isEqualTo(5_000);
    }

    @Test
    void theFileOverridesOnlyWhatItNames(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("deadlines.properties"), "store.read-seconds = 12\nbroker.send-millis=700\n");

        Deadlines deadlines = Deadlines.of(home);

        assertThat(deadlines.storeReadSeconds()).isEqualTo(12);
        assertThat(deadlines.brokerSendMillis()).isEqualTo(700);
        assertThat(deadlines.storeLoginSeconds()).isEqualTo(Deadlines.DEFAULTS.storeLoginSeconds());
        assertThat(deadlines.key()).isNotEqualTo(Deadlines.DEFAULTS.key());
    }

    @Test
    void aDeadlineThatIsNotAPositiveNumberIsRefusedWithItsKey(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("deadlines.properties"), "store.pool-wait-millis=0\n");
        assertThatThrownBy(() -> Deadlines.of(home))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("store.pool-wait-millis must be positive");

        Properties words = new Properties();
        words.setProperty("broker.connect-millis", "soon");
        assertThatThrownBy(() -> Deadlines.of(words))
                .hasMessageContaining("broker.connect-millis must be a whole number");
    }
}
