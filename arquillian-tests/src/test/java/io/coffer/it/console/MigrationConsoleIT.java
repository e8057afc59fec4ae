package io.coffer.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.oracle.bmc.vault.model.Secret;
import io.coffer.it.support.ConsoleBrowser;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's migration section in a real browser (the system's headless Chromium): the operator signs in with the
 * files Coffer wrote for them, drives shard-0 through every phase and a rollback by clicking, sees a refused advance's
 * reason on the page, and reads the backfill's and the sweep's progress, the hosts' positions and the read latency
 * from it. Skipped only when Chromium or its driver is not installed ({@code ./coffer test} installs both).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MigrationConsoleIT {

    private static final String URL = System.getProperty("coffer.it.url");
    private static final Path HOME = Path.of(System.getProperty("coffer.it.home"));
    private static final String STORE = "shard-0";
    private static final String MIGRATION = URL + "/admin/v1/shards/" + STORE + "/migration";
    private static final List<String> PHASES =
            List.of("REMOTE_ONLY", "LIVE_SYNC", "BACKFILL", "VERIFY", "SWITCHED_OVER");

    private static Operator operator;
    private static Secrets mine;
    private static ConsoleBrowser console;
    private static long backfillLimitBefore;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() throws IOException {
        console = ConsoleBrowser.open(
                URL,
                HOME,
                "migration",
                List.of(
                        "who",
                        "signin-error",
                        "migrations-error",
                        "phase-" + STORE,
                        "refusal-" + STORE,
                        "switches-" + STORE,
                        "backfill-state-" + STORE,
                        "backfill-processed-" + STORE,
                        "backfill-total-" + STORE,
                        "sweep-state-" + STORE,
                        "sweep-checked-" + STORE,
                        "latency-local-" + STORE,
                        "latency-remote-" + STORE));
        operator = Operator.of(HOME).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "console"));
        backfillLimitBefore = operator.get(MIGRATION)
                .json()
                .getJsonObject("backfill")
                .getJsonNumber("limitPerSecond")
                .longValue();
    }

    /**
     * Back to LIVE_SYNC with reads remote and capture on, as MigrationPhasesIT leaves shard-0 for the other tests, and
     * the backfill's limit as it was.
     */
    @AfterAll
    static void tearDown() {
        if (console != null) {
            console.close();
        }
        if (operator == null) {
            return;
        }
        for (int i = 0; i < 4 && !phase().equals("LIVE_SYNC") && !phase().equals("REMOTE_ONLY"); i++) {
            operator.post(MIGRATION + "/rollback", "{}");
        }
        if (phase().equals("REMOTE_ONLY")) {
            operator.post(MIGRATION + "/advance", "{}");
        }
        operator.post(MIGRATION + "/resume", "{}");
        operator.put(MIGRATION + "/backfill-rate", "{\"entitiesPerSecond\":" + backfillLimitBefore + "}");
        operator.put(URL + "/admin/v1/shards/" + STORE + "/reads", "{\"accessor\":\"REMOTE\"}");
        operator.put(URL + "/admin/v1/shards/" + STORE + "/capture", "{\"enabled\":true}");
    }

    @Test
    void theOperatorDrivesAStoreThroughEveryPhaseByClicking() throws IOException {
        console.signIn();
        String start = console.awaitAttribute("phase-" + STORE, "data-phase", PHASES::contains);
        assertThat(start).isEqualTo(phase());

        // Back to REMOTE_ONLY by clicking, one phase at a time; what is written then is not captured.
        for (int at = PHASES.indexOf(start); at > 0; at--) {
            console.click("rollback-" + STORE);
            awaitPhase(PHASES.get(at - 1));
        }
        List<Secret> uncaptured = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            uncaptured.add(mine.create("console-" + i + "-" + suffix(), "written while remote only " + i));
        }

        // LIVE_SYNC; the background work paused; BACKFILL; an advance now is refused, and the page says why.
        console.click("advance-" + STORE);
        awaitPhase("LIVE_SYNC");
        console.click("pause-" + STORE);
        console.await(ignored -> console.element("paused-" + STORE).isDisplayed());
        console.click("advance-" + STORE);
        awaitPhase("BACKFILL");
        console.awaitText("backfill-state-" + STORE, "PAUSED"::equals);
        console.click("advance-" + STORE);
        String refusal = console.awaitText("refusal-" + STORE, text -> !text.isEmpty());
        assertThat(refusal).contains("409", "BACKFILL_DONE");
        assertThat(console.element("phase-" + STORE).getDomAttribute("data-phase"))
                .isEqualTo("BACKFILL");

        // The backfill's limit, typed in; then resumed: its progress bar fills, processed reaches total.
        console.element("rate-" + STORE).sendKeys("50000");
        console.click("set-rate-" + STORE);
        console.awaitText("backfill-limit-" + STORE, "50000"::equals);
        console.click("resume-" + STORE);
        console.await(ignored -> !console.element("paused-" + STORE).isDisplayed());
        console.awaitText("backfill-state-" + STORE, "DONE"::equals);
        long total = console.number("backfill-total-" + STORE);
        assertThat(total).isGreaterThanOrEqualTo(uncaptured.size());
        assertThat(console.number("backfill-processed-" + STORE)).isEqualTo(total);
        WebElement backfillBar = console.element("backfill-bar-" + STORE);
        assertThat(backfillBar.getDomProperty("value")).isEqualTo(backfillBar.getDomProperty("max"));

        // VERIFY: the sweep checks every row and repairs what differs.
        console.click("advance-" + STORE);
        awaitPhase("VERIFY");
        assertThat(console.text("refusal-" + STORE)).isEmpty();
        console.awaitText("sweep-state-" + STORE, "DONE"::equals);
        assertThat(console.number("sweep-checked-" + STORE)).isPositive();
        assertThat(console.number("sweep-repaired-" + STORE)).isEqualTo(console.number("sweep-discrepancies-" + STORE));

        // SWITCHED_OVER: reads HYBRID. Another test of this server may have had the live verifier report a
        // discrepancy within the quiet window; then the page names that criterion, and the operator forces it.
        console.click("advance-" + STORE);
        console.await(ignored ->
                console.element("phase-" + STORE).getDomAttribute("data-phase").equals("SWITCHED_OVER")
                        || !console.text("refusal-" + STORE).isEmpty());
        if (!console.text("refusal-" + STORE).isEmpty()) {
            assertThat(console.text("refusal-" + STORE)).contains("LIVE_VERIFIER_QUIET");
            console.click("force-" + STORE);
            console.click("advance-" + STORE);
        }
        awaitPhase("SWITCHED_OVER");
        console.awaitAttribute("switches-" + STORE, "data-reads-here", "HYBRID"::equals);
        assertThat(timelineCurrent()).isEqualTo("SWITCHED_OVER");
        assertThat(Secrets.bundleText(mine.tenant.secrets, uncaptured.get(3).getId()))
                .isEqualTo("written while remote only 3");
        awaitLatency("local", uncaptured.get(4));

        // Rolled back: VERIFY, reads REMOTE at once.
        console.click("rollback-" + STORE);
        awaitPhase("VERIFY");
        console.awaitAttribute("switches-" + STORE, "data-reads-here", "REMOTE"::equals);
        assertThat(timelineCurrent()).isEqualTo("VERIFY");
        awaitLatency("remote", uncaptured.get(5));

        // This host's applied position for the store is on the page.
        String applied = console.await(ignored -> {
            List<WebElement> rows =
                    console.driver().findElements(By.cssSelector("#migration-hosts-" + STORE + " tbody tr"));
            return rows.isEmpty()
                    ? null
                    : rows.get(0).findElements(By.tagName("td")).get(2).getText();
        });
        assertThat(Long.parseLong(applied)).isNotNegative();

        // Back to LIVE_SYNC by clicking, where the other tests of this server expect shard-0.
        console.click("rollback-" + STORE);
        awaitPhase("BACKFILL");
        console.click("rollback-" + STORE);
        awaitPhase("LIVE_SYNC");
        assertThat(phase()).isEqualTo("LIVE_SYNC");
    }

    /** Reads a secret until the page's last poll shows a mean latency for the side (reads between two polls). */
    private static void awaitLatency(String side, Secret secret) {
        String shown = console.await(ignored -> {
            Secrets.bundleText(mine.tenant.secrets, secret.getId());
            String text = console.text("latency-" + side + "-" + STORE);
            return text.endsWith(" ms") ? text : null;
        });
        assertThat(Double.parseDouble(shown.replace(" ms", ""))).isNotNegative();
        assertThat(console.element("latency-line-" + side + "-" + STORE).getDomAttribute("points"))
                .isNotBlank();
    }

    private static String timelineCurrent() {
        return console.driver()
                .findElement(By.cssSelector("#timeline-" + STORE + " li.current"))
                .getDomAttribute("data-phase");
    }

    private static void awaitPhase(String phase) {
        console.awaitAttribute("phase-" + STORE, "data-phase", phase::equals);
        assertThat(console.text("phase-" + STORE)).isEqualTo(phase);
    }

    private static String phase() {
        return operator.get(MIGRATION).json().getString("phase");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
