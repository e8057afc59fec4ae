package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class FailpointArmingTest {

    @Test
    void onlyTheNamedHostGetsItsPoints() {
        String environment = "host-2:publish.after-log-commit=halt; host-3:apply.after-commit=pause:5000;"
                + " host-2:publish.after-send=pause:100";

        assertThat(FailpointArming.forHost(environment, "host-2"))
                .contains("publish.after-log-commit=halt,publish.after-send=pause:100");
        assertThat(FailpointArming.forHost(environment, "host-3")).contains("apply.after-commit=pause:5000");
        assertThat(FailpointArming.forHost(environment, "host-1")).isEmpty();
        assertThat(FailpointArming.forHost(null, "host-1")).isEmpty();
        assertThat(FailpointArming.forHost("", "host-1")).isEmpty();
    }

    @Test
    void anEntryWithoutAHostOrAnActionIsRefused() {
        assertThatThrownBy(() -> FailpointArming.forHost("publish.after-send=halt", "host-1"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("host-N:point=action");
        assertThatThrownBy(() -> FailpointArming.forHost("host-1:publish.after-send", "host-1"))
                .isInstanceOf(CliException.class);
    }

    @Test
    void aStartArmsTheHostsJvmAndAStartWithoutDisarmsIt() throws Exception {
        Document document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<domain><configs><config name=\"server-config\"><java-config>"
                                + "<jvm-options>-Xmx768m</jvm-options></java-config></config></configs></domain>")
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(DomainXml.armFailpoints(document, Optional.empty()))
                .as("nothing armed, nothing to change")
                .isFalse();
        assertThat(DomainXml.armFailpoints(document, Optional.of("publish.after-send=halt")))
                .isTrue();
        assertThat(DomainXml.armFailpoints(document, Optional.of("publish.after-send=halt")))
                .as("armed the same already")
                .isFalse();
        assertThat(options(document)).isEqualTo("-Xmx768m -Dcoffer.failpoints=publish.after-send=halt");

        assertThat(DomainXml.armFailpoints(document, Optional.of("apply.after-commit=halt")))
                .isTrue();
        assertThat(options(document)).isEqualTo("-Xmx768m -Dcoffer.failpoints=apply.after-commit=halt");

        assertThat(DomainXml.armFailpoints(document, Optional.empty())).isTrue();
        assertThat(options(document)).isEqualTo("-Xmx768m");
    }

    private static String options(Document document) {
        var options = document.getElementsByTagName("jvm-options");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < options.getLength(); i++) {
            text.append(i == 0 ? "" : " ")
                    .append(options.item(i).getTextContent().trim());
        }
        return text.toString();
    }
}
