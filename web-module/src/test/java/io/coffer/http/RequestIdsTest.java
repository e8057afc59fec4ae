package io.coffer.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void coffersPartIs128BitsInUpperCaseHexAndNeverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.requestId(null);
            assertThat(id).matches("[0-9A-F]{32}");
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void aSaneClientIdComesFirstAndAnyOtherIsDropped() {
        assertThat(RequestIds.requestId("client-42/a.b:c")).matches("client-42/a\\.b:c/[0-9A-F]{32}");
        assertThat(RequestIds.requestId("bad id\n")).matches("[0-9A-F]{32}");
        assertThat(RequestIds.requestId("x".repeat(99))).matches("[0-9A-F]{32}");
    }
}
