package io.coffer.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.vault.model.Secret;
import io.coffer.it.support.ConsoleBrowser;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Http;
import io.coffer.it.support.Http.Reply;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import io.coffer.it.support.Throttling;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's throttling section in a real browser (the system's headless Chromium): a tenancy limited low and
 * reading over its limit is listed among the most throttled, it and a tenancy reading under its limit among the
 * busiest; the operator raises the noisy tenancy's limit in the form and its reads pass again; bad values typed in
 * the form show the admin API's refusal on the page and change nothing. Each test sets the noisy tenancy's limits it
 * starts from; the end puts them back to the defaults. Skipped only when Chromium or its driver is not installed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThrottlingConsoleIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static final String READS = "data-plane-read";
    private static final String LOW = "{\"dataPlaneReadsPerSecond\": 5, \"burstSeconds\": 1}";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Operator operator;
    private static ConsoleBrowser console;
    private static Secrets noisy;
    private static Secrets quiet;
    private static Secret noisySecret;
    private static Secret quietSecret;
    private static String noisyName;
    private static String quietName;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() throws IOException {
        console = ConsoleBrowser.open(
                URL,
                HOME,
                "throttling",
                List.of("who", "signin-error", "throttling-mode", "top-requests", "top-throttled", "limits-result"));
        operator = Operator.of(HOME).ready(URL);
        noisy = Secrets.in(Tenant.create(operator, URL, "noisy-console"));
        quiet = Secrets.in(Tenant.create(operator, URL, "quiet-console"));
        noisySecret = noisy.create("n-" + suffix(), "noisy");
        quietSecret = quiet.create("q-" + suffix(), "quiet");
        noisyName = tenancyName(noisy.tenant.tenancyId);
        quietName = tenancyName(quiet.tenant.tenancyId);
        console.signIn();
    }

    /** The noisy tenancy back on the defaults; nothing service-wide was changed. */
    @AfterAll
    static void tearDown() {
        if (console != null) {
            console.close();
        }
        if (noisy != null) {
            Throttling.limit(operator, noisy.tenant.tenancyId, "{}", URL);
        }
    }

    @Test
    void theConsoleListsTheMostThrottledAndTheBusiestTenancies() {
        Throttling.limit(operator, noisy.tenant.tenancyId, LOW, URL);

        // Rates are per refresh of the page: both keep reading until one refresh shows what is expected.
        Map<String, List<List<String>>> shown = console.await(ignored -> {
            for (int i = 0; i < 10; i++) {
                read(noisy, noisySecret);
            }
            for (int i = 0; i < 3; i++) {
                Reply served = read(quiet, quietSecret);
                assertThat(served.status()).as(served.body()).isEqualTo(200);
            }
            Map<String, List<List<String>>> tables = throttlingTables();
            boolean noisyThrottled = rowOf(tables.get("top-throttled"), noisyName)
                    .filter(row -> rate(row.get(2)) > 0)
                    .isPresent();
            boolean bothBusy = rowOf(tables.get("top-requests"), noisyName).isPresent()
                    && rowOf(tables.get("top-requests"), quietName).isPresent();
            return noisyThrottled && bothBusy ? tables : null;
        });

        List<String> mostThrottled =
                rowOf(shown.get("top-throttled"), noisyName).orElseThrow();
        assertThat(mostThrottled.get(1)).isEqualTo(READS);
        assertThat(rate(mostThrottled.get(2))).as("throttled/s").isPositive();
        assertThat(rate(mostThrottled.get(3))).as("admitted/s").isNotNegative();
        assertThat(rowOf(shown.get("top-throttled"), quietName))
                .as("the quiet tenancy is never throttled")
                .isEmpty();
        List<String> noisyBusy = rowOf(shown.get("top-requests"), noisyName).orElseThrow();
        assertThat(rate(noisyBusy.get(3))).as("throttled/s").isPositive();
        List<String> quietBusy = rowOf(shown.get("top-requests"), quietName).orElseThrow();
        assertThat(rate(quietBusy.get(2))).as("admitted/s").isPositive();
        assertThat(quietBusy.get(3)).as("throttled/s").isEqualTo("0.0");
        assertThat(console.text("throttling-mode")).startsWith("enforced");
        assertThat(Throttling.counter(URL, "coffer_requests_throttled_total", noisy.tenant.tenancyId, READS))
                .isPositive();
    }

    @Test
    void theOperatorRaisesATenancysLimitInTheFormAndItsReadsPassAgain() {
        Throttling.limit(operator, noisy.tenant.tenancyId, LOW, URL);
        assertThat(Http.await(PATIENCE, reply -> reply.status() == 429, () -> burstOfReads(noisy, noisySecret))
                        .status())
                .as("the noisy tenancy is throttled at 5 reads/s")
                .isEqualTo(429);

        showLimitsOf(noisy);
        console.type("limits-dataPlaneReadsPerSecond", "1000");
        console.click("limits-save");
        String saved = console.awaitText("limits-result", text -> !text.isEmpty());
        assertThat(saved).startsWith("saved").contains("dataPlaneReadsPerSecond 1000", "burstSeconds 1");

        JsonObject limits = limits(noisy);
        assertThat(limits.getInt("dataPlaneReadsPerSecond")).isEqualTo(1000);
        assertThat(limits.getInt("burstSeconds")).isEqualTo(1);
        assertThat(limits.isNull("controlPlaneReadsPerSecond")).isTrue();
        assertThat(limits.isNull("controlPlaneWritesPerSecond")).isTrue();
        Reply lastRead = Http.await(PATIENCE, reply -> reply.status() == 200, () -> burstOfReads(noisy, noisySecret));
        assertThat(lastRead.status())
                .as("20 reads in a row pass at 1000 reads/s: %s", lastRead.body())
                .isEqualTo(200);
    }

    @Test
    void badValuesInTheFormShowTheRefusalAndChangeNothing() {
        Throttling.limit(
                operator, noisy.tenant.tenancyId, "{\"dataPlaneReadsPerSecond\": 40, \"burstSeconds\": 2}", URL);
        JsonObject before = limits(noisy);

        showLimitsOf(noisy);
        Map<String, List<String>> refusals = Map.of(
                "-5", List.of("dataPlaneReadsPerSecond must be from 1 to", "not -5"),
                "ten", List.of("dataPlaneReadsPerSecond must be a number", "ten"),
                "2.5", List.of("dataPlaneReadsPerSecond must be a whole number", "2.5"));
        refusals.forEach((typed, expected) -> {
            console.type("limits-dataPlaneReadsPerSecond", typed);
            console.click("limits-save");
            String refusal = console.awaitText("limits-result", text -> text.contains(typed));
            assertThat(refusal).as(typed).startsWith("400 InvalidParameter: ").contains(expected);
            assertThat(refusal).doesNotContain("Exception", "\tat ");
            JsonObject after = limits(noisy);
            assertThat(after.getInt("dataPlaneReadsPerSecond")).as(typed).isEqualTo(40);
            assertThat(after.getInt("burstSeconds")).as(typed).isEqualTo(2);
            assertThat(after.getJsonObject("effective")).isEqualTo(before.getJsonObject("effective"));
        });
    }

    /**
     * A fresh page (signed in again from the tab's session) with the tenancy chosen in the form, once the form shows
     * its limits: the page's own first load of a tenancy's limits must not land after the choice.
     */
    private static void showLimitsOf(Secrets tenancy) {
        console.driver().get(URL + "/console/");
        console.await(ignored -> {
            String placeholder =
                    console.element("limits-dataPlaneReadsPerSecond").getDomAttribute("placeholder");
            return console.element("console").isDisplayed() && placeholder != null && !placeholder.isEmpty();
        });
        // The page rebuilds the list every few seconds: an option found may be gone when clicked, so try again.
        console.await(ignored -> {
            new Select(console.element("limits-tenancy")).selectByValue(tenancy.tenant.tenancyId);
            return true;
        });
        JsonObject limits = limits(tenancy);
        console.await(ignored -> List.of(
                        "dataPlaneReadsPerSecond",
                        "controlPlaneReadsPerSecond",
                        "controlPlaneWritesPerSecond",
                        "burstSeconds")
                .stream()
                .allMatch(field -> console.element("limits-" + field)
                        .getDomProperty("value")
                        .equals(limits.isNull(field) ? "" : String.valueOf(limits.getInt(field)))));
        assertThat(new Select(console.element("limits-tenancy"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo(tenancy.tenant.tenancyId);
    }

    /** The rows of the two throttling tables as the page shows them, read at once (the page refreshes them). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<List<String>>> throttlingTables() {
        return (Map<String, List<List<String>>>) ((JavascriptExecutor) console.driver())
                .executeScript("const rows = (id) => Array.from(document.querySelectorAll('#' + id + ' tbody tr'),"
                        + " (tr) => Array.from(tr.cells, (td) => td.textContent));"
                        + " return {'top-requests': rows('top-requests'), 'top-throttled': rows('top-throttled')};");
    }

    private static Optional<List<String>> rowOf(List<List<String>> rows, String tenancyName) {
        return rows.stream()
                .filter(row -> row.get(0).equals(tenancyName) && row.get(1).equals(READS))
                .findFirst();
    }

    private static double rate(String shown) {
        return Double.parseDouble(shown);
    }

    private static Reply read(Secrets tenancy, Secret secret) {
        return Http.signed(tenancy.tenant.signer(), "GET", URL + "/20190301/secretbundles/" + secret.getId(), null);
    }

    /** Twenty reads in a row; the first refused one, or the last. */
    private static Reply burstOfReads(Secrets tenancy, Secret secret) {
        Reply reply = null;
        for (int i = 0; i < 20; i++) {
            reply = read(tenancy, secret);
            if (reply.status() != 200) {
                return reply;
            }
        }
        return reply;
    }

    private static JsonObject limits(Secrets tenancy) {
        Reply limits = operator.get(URL + "/admin/v1/tenancies/" + tenancy.tenant.tenancyId + "/limits");
        assertThat(limits.status()).as(limits.body()).isEqualTo(200);
        return limits.json();
    }

    private static String tenancyName(String tenancyId) {
        Reply tenancies = operator.get(URL + "/admin/v1/tenancies");
        assertThat(tenancies.status()).as(tenancies.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(tenancies.body()))) {
            JsonArray all = reader.readArray();
            return all.getValuesAs(JsonObject.class).stream()
                    .filter(tenancy -> tenancy.getString("id").equals(tenancyId))
                    .map(tenancy -> tenancy.getString("name"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
