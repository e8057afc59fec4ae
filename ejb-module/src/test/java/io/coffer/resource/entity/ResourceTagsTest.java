package io.coffer.resource.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coffer.platform.failure.CofferException;
import io.coffer.platform.failure.ErrorCode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One set of tagging rules for every resource, and the JSON they are kept as. */
class ResourceTagsTest {

    private static void assertRefused(Runnable call, String messagePart) {
        CofferException refused = catchThrowableOfType(CofferException.class, call::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(refused.getMessage()).contains(messagePart);
    }

    @Test
    void tagsRoundTripWithTheirValueTypes() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("CostCenter", "42");
        keys.put("Budget", 1250.5);
        keys.put("Audited", true);
        ResourceTags tags = ResourceTags.of("a vault", Map.of("team", "payments"), Map.of("Operations", keys));
        assertThat(tags.freeform()).containsExactly(Map.entry("team", "payments"));
        assertThat(tags.defined().get("Operations"))
                .containsEntry("CostCenter", "42")
                .containsEntry("Budget", new BigDecimal("1250.5"))
                .containsEntry("Audited", true);
        assertThat(ResourceTags.NONE.freeform()).isEmpty();
        assertThat(ResourceTags.NONE.defined()).isEmpty();
    }

    @Test
    void aReplacementKeepsTheKindItDoesNotName() {
        ResourceTags tags = ResourceTags.of("a key", Map.of("team", "blue"), Map.of("ns", Map.of("k", "v")));
        ResourceTags renamed = tags.replacedBy("a key", Map.of("team", "red"), null);
        assertThat(renamed.freeform()).containsExactly(Map.entry("team", "red"));
        assertThat(renamed.defined()).containsKey("ns");
        assertThat(tags.replacedBy("a key", null, Map.of()).defined()).isEmpty();
    }

    @Test
    void oneSetOfOciLimitsForEveryResource() {
        assertRefused(
                () -> ResourceTags.of("a vault", Map.of("cost.center", "1"), null),
                "freeformTags key 'cost.center' must not contain spaces or periods");
        assertRefused(
                () -> ResourceTags.of("a secret", null, Map.of("my ns", Map.of("k", "v"))),
                "definedTags key 'my ns' must not contain spaces or periods");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("team", null);
        assertRefused(() -> ResourceTags.of("a vault", nullValue, null), "freeformTags.team needs a value");
        assertRefused(
                () -> ResourceTags.of("a key", null, Map.of("ns", Map.of("k", Map.of()))),
                "definedTags.ns.k must be a string, a number or a boolean");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("f" + i, "v");
        }
        Map<String, Object> more = new LinkedHashMap<>();
        for (int i = 0; i < 25; i++) {
            more.put("d" + i, "v");
        }
        assertRefused(
                () -> ResourceTags.of("a vault", many, Map.of("ns", more)), "a vault can have at most 64 tags, not 65");
        assertRefused(
                () -> ResourceTags.of("a key", Map.of("k", "v".repeat(257)), null),
                "freeformTags.k is longer than 256 characters");
    }
}
