package io.coffer.console.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.platform.failure.CofferException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleResourceTest {

    private final ConsoleResource console = new ConsoleResource();

    /** A script or style sheet the page names but the fixed list leaves out would be a 404 in the browser. */
    @Test
    void everyFileThePageNamesIsServedWithItsType() {
        String page = new String((byte[]) console.index().getEntity(), StandardCharsets.UTF_8);
        Matcher named = Pattern.compile("(?:src|href)=\"/console/([^\"]+)\"").matcher(page);
        List<String> files = new ArrayList<>();
        while (named.find()) {
            files.add(named.group(1));
        }
        assertThat(files).contains("console.js", "throttling.js", "migration.js", "console.css");
        for (String file : files) {
            Response served = console.file(file);
            assertThat(served.getStatus()).as(file).isEqualTo(200);
            assertThat(served.getMediaType().toString())
                    .as(file)
                    .startsWith(file.endsWith(".css") ? "text/css" : "text/javascript");
        }
    }

    @Test
    void nothingElseIsServed() {
        assertThatThrownBy(() -> console.file("../META-INF/MANIFEST.MF")).isInstanceOf(CofferException.class);
        assertThatThrownBy(() -> console.file("other.js")).isInstanceOf(CofferException.class);
    }
}
