package io.coffer.shard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.InvalidParameterException;
import io.coffer.platform.failure.MissingParameterException;
import org.junit.jupiter.api.Test;

class FlagBodyTest {

    @Test
    void trueOrFalseIsTheWholeBody() {
        assertThat(FlagBody.read("{\"enabled\": false}", "enabled")).isFalse();
        assertThat(FlagBody.read("{\"acceptsNewVaults\": true}", "acceptsNewVaults"))
                .isTrue();
    }

    @Test
    void aMissingFieldIsMissingNotFalse() {
        assertThatThrownBy(() -> FlagBody.read("{}", "enabled")).isInstanceOf(MissingParameterException.class);
        assertThatThrownBy(() -> FlagBody.read("{\"enabled\": null}", "enabled"))
                .isInstanceOf(MissingParameterException.class);
    }

    @Test
    void anythingElseIsInvalid() {
        for (String body : new String[] {
            "", "[]", "false", "{", "{\"enabled\": \"no\"}", "{\"enabled\": 0}", "{\"enabled\": false, \"extra\": 1}"
        }) {
            assertThatThrownBy(() -> FlagBody.read(body, "enabled"))
                    .as(body)
                    .isInstanceOf(InvalidParameterException.class);
        }
    }
}
