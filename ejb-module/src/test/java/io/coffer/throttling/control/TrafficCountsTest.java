package io.coffer.throttling.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.throttling.control.TrafficCounts.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficCountsTest {

    @Test
    void theClusterTotalIsEveryHostsCountsAddedUpMostRequestsFirst() {
        String host1 = TrafficCounts.encode(List.of(
                new Row("ocid1.tenancy.a", "data-plane-read", 20, 180),
                new Row("ocid1.tenancy.b", "data-plane-read", 7, 0)));
        String host2 = TrafficCounts.encode(List.of(
                new Row("ocid1.tenancy.a", "data-plane-read", 5, 60),
                new Row("ocid1.tenancy.b", "control-plane-write", 3, 1)));

        assertThat(TrafficCounts.sum(List.of(host1, host2)))
                .containsExactly(
                        new Row("ocid1.tenancy.a", "data-plane-read", 25, 240),
                        new Row("ocid1.tenancy.b", "data-plane-read", 7, 0),
                        new Row("ocid1.tenancy.b", "control-plane-write", 3, 1));
    }

    @Test
    void rowsWithoutRequestsAreNotPublished() {
        assertThat(TrafficCounts.encode(List.of(new Row("ocid1.tenancy.a", "data-plane-read", 0, 0))))
                .isEmpty();
    }

    @Test
    void aLineThatDoesNotParseIsSkippedAndTheRestCounts() {
        assertThat(TrafficCounts.sum(List.of(
                        "garbage\nocid1.tenancy.a data-plane-read x 1\n" + "ocid1.tenancy.a data-plane-read 2 1\n",
                        "")))
                .containsExactly(new Row("ocid1.tenancy.a", "data-plane-read", 2, 1));
    }
}
