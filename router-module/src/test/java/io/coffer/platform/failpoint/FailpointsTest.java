package io.coffer.platform.failpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failpoint.Failpoints.Halt;
import io.coffer.platform.failpoint.Failpoints.Pause;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailpointsTest {

    @Test
    void nothingIsArmedWithoutTheProperty() {
        assertThat(Failpoints.parse(null)).isEmpty();
        assertThat(Failpoints.parse(" ")).isEmpty();
        // the unit-test JVM has no coffer.failpoints: reaching a point returns
        assertThat(Failpoints.armed()).isEmpty();
        Failpoints.reach(Failpoints.PUBLISH_AFTER_LOG_COMMIT);
    }

    @Test
    void pointsAreArmedToHaltOrToPauseForAWhile() {
        assertThat(Failpoints.parse("publish.after-log-commit=halt, apply.after-commit=pause:2500"))
                .isEqualTo(Map.of(
                        "publish.after-log-commit",
                        new Halt(),
                        "apply.after-commit",
                        new Pause(Duration.ofMillis(2500))));
    }

    @Test
    void aSpecThatDoesNotParseIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Failpoints.parse("publish.after-send"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("point=action");
        assertThatThrownBy(() -> Failpoints.parse("publish.after-send=crash")).hasMessageContaining("halt or pause");
        assertThatThrownBy(() -> Failpoints.parse("publish.after-send=pause:0")).hasMessageContaining("halt or pause");
        assertThatThrownBy(() -> Failpoints.parse("publish.after-send=pause:soon"))
                .hasMessageContaining("halt or pause");
    }
}
