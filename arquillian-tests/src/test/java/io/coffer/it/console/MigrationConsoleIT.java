package io.coffer.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.oracle.bmc.vault.model.Secret;
import io.coffer.it.support.Deployments;
import io.coffer.it.support.Operator;
import io.coffer.it.support.Secrets;
import io.coffer.it.support.Tenant;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Operator operator;
    private static Secrets mine;
    private static ChromeDriverService driverService;
    private static WebDriver browser;
    private static long backfillLimitBefore;

    @Deployment(testable = false)
    static EnterpriseArchive coffer() {
        return Deployments.coffer();
    }

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); ./coffer test installs them");
        operator = Operator.of(HOME).ready(URL);
        mine = Secrets.in(Tenant.create(operator, URL, "console"));
        backfillLimitBefore = operator.get(MIGRATION)
                .json()
                .getJsonObject("backfill")
                .getJsonNumber("limitPerSecond")
                .longValue();
        // The driver binary is named, so Selenium Manager never looks for (or downloads) one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(
                        HOME.getParent().resolve("console-chromedriver.log").toFile())
                .build();
        Path profile = Files.createTempDirectory(HOME.getParent(), "console-browser-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,2400",
                        "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(driverService, options);
    }

    /**
     * Back to LIVE_SYNC with reads remote and capture on, as MigrationPhasesIT leaves shard-0 for the other tests, and
     * the backfill's limit as it was.
     */
    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
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
        signIn();
        String start = awaitAttribute("phase-" + STORE, "data-phase", PHASES::contains);
        assertThat(start).isEqualTo(phase());

        // Back to REMOTE_ONLY by clicking, one phase at a time; what is written then is not captured.
        for (int at = PHASES.indexOf(start); at > 0; at--) {
            click("rollback-" + STORE);
            awaitPhase(PHASES.get(at - 1));
        }
        List<Secret> uncaptured = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            uncaptured.add(mine.create("console-" + i + "-" + suffix(), "written while remote only " + i));
        }

        // LIVE_SYNC; the background work paused; BACKFILL; an advance now is refused, and the page says why.
        click("advance-" + STORE);
        awaitPhase("LIVE_SYNC");
        click("pause-" + STORE);
        await(ignored -> element("paused-" + STORE).isDisplayed());
        click("advance-" + STORE);
        awaitPhase("BACKFILL");
        awaitText("backfill-state-" + STORE, "PAUSED"::equals);
        click("advance-" + STORE);
        String refusal = awaitText("refusal-" + STORE, text -> !text.isEmpty());
        assertThat(refusal).contains("409", "BACKFILL_DONE");
        assertThat(element("phase-" + STORE).getDomAttribute("data-phase")).isEqualTo("BACKFILL");

        // The backfill's limit, typed in; then resumed: its progress bar fills, processed reaches total.
        element("rate-" + STORE).sendKeys("50000");
        click("set-rate-" + STORE);
        awaitText("backfill-limit-" + STORE, "50000"::equals);
        click("resume-" + STORE);
        await(ignored -> !element("paused-" + STORE).isDisplayed());
        awaitText("backfill-state-" + STORE, "DONE"::equals);
        long total = number("backfill-total-" + STORE);
        assertThat(total).isGreaterThanOrEqualTo(uncaptured.size());
        assertThat(number("backfill-processed-" + STORE)).isEqualTo(total);
        WebElement backfillBar = element("backfill-bar-" + STORE);
        assertThat(backfillBar.getDomProperty("value")).isEqualTo(backfillBar.getDomProperty("max"));

        // VERIFY: the sweep checks every row and repairs what differs.
        click("advance-" + STORE);
        awaitPhase("VERIFY");
        assertThat(text("refusal-" + STORE)).isEmpty();
        awaitText("sweep-state-" + STORE, "DONE"::equals);
        assertThat(number("sweep-checked-" + STORE)).isPositive();
        assertThat(number("sweep-repaired-" + STORE)).isEqualTo(number("sweep-discrepancies-" + STORE));

        // SWITCHED_OVER: reads HYBRID. Another test of this server may have had the live verifier report a
        // discrepancy within the quiet window; then the page names that criterion, and the operator forces it.
        click("advance-" + STORE);
        await(ignored -> element("phase-" + STORE).getDomAttribute("data-phase").equals("SWITCHED_OVER")
                || !text("refusal-" + STORE).isEmpty());
        if (!text("refusal-" + STORE).isEmpty()) {
            assertThat(text("refusal-" + STORE)).contains("LIVE_VERIFIER_QUIET");
            click("force-" + STORE);
            click("advance-" + STORE);
        }
        awaitPhase("SWITCHED_OVER");
        awaitAttribute("switches-" + STORE, "data-reads-here", "HYBRID"::equals);
        assertThat(timelineCurrent()).isEqualTo("SWITCHED_OVER");
        assertThat(Secrets.bundleText(mine.tenant.secrets, uncaptured.get(3).getId()))
                .isEqualTo("written while remote only 3");
        awaitLatency("local", uncaptured.get(4));

        // Rolled back: VERIFY, reads REMOTE at once.
        click("rollback-" + STORE);
        awaitPhase("VERIFY");
        awaitAttribute("switches-" + STORE, "data-reads-here", "REMOTE"::equals);
        assertThat(timelineCurrent()).isEqualTo("VERIFY");
        awaitLatency("remote", uncaptured.get(5));

        // This host's applied position for the store is on the page.
        String applied = await(ignored -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#migration-hosts-" + STORE + " tbody tr"));
            return rows.isEmpty()
                    ? null
                    : rows.get(0).findElements(By.tagName("td")).get(2).getText();
        });
        assertThat(Long.parseLong(applied)).isNotNegative();

        // Back to LIVE_SYNC by clicking, where the other tests of this server expect shard-0.
        click("rollback-" + STORE);
        awaitPhase("BACKFILL");
        click("rollback-" + STORE);
        awaitPhase("LIVE_SYNC");
        assertThat(phase()).isEqualTo("LIVE_SYNC");
    }

    /** Pastes the operator's config and key, as the README tells an operator to, and signs in. */
    private static void signIn() throws IOException {
        Path config = HOME.resolve("operator/config");
        Properties profile = new Properties();
        try (Reader in = Files.newBufferedReader(config)) {
            profile.load(in);
        }
        Path keyFile = config.getParent().resolve(profile.getProperty("key_file"));
        browser.get(URL + "/console/");
        element("config").sendKeys(Files.readString(config));
        element("key").sendKeys(Files.readString(keyFile));
        click("signin-button");
        await(ignored -> element("console").isDisplayed());
        assertThat(text("who")).startsWith("operator ");
    }

    /** Reads a secret until the page's last poll shows a mean latency for the side (reads between two polls). */
    private static void awaitLatency(String side, Secret secret) {
        String shown = await(ignored -> {
            Secrets.bundleText(mine.tenant.secrets, secret.getId());
            String text = text("latency-" + side + "-" + STORE);
            return text.endsWith(" ms") ? text : null;
        });
        assertThat(Double.parseDouble(shown.replace(" ms", ""))).isNotNegative();
        assertThat(element("latency-line-" + side + "-" + STORE).getDomAttribute("points"))
                .isNotBlank();
    }

    private static String timelineCurrent() {
        return browser.findElement(By.cssSelector("#timeline-" + STORE + " li.current"))
                .getDomAttribute("data-phase");
    }

    private static void awaitPhase(String phase) {
        awaitAttribute("phase-" + STORE, "data-phase", phase::equals);
        assertThat(text("phase-" + STORE)).isEqualTo(phase);
    }

    private static String awaitAttribute(String id, String attribute, Predicate<String> condition) {
        return await(ignored -> {
            String value = element(id).getDomAttribute(attribute);
            return value != null && condition.test(value) ? value : null;
        });
    }

    private static String awaitText(String id, Predicate<String> condition) {
        return await(ignored -> {
            String value = text(id);
            return condition.test(value) ? value : null;
        });
    }

    /** Waits for the page; when it does not get there, says what the page showed instead. */
    private static <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(MigrationConsoleIT::pageState)
                .until(condition::apply);
    }

    private static String pageState() {
        return Stream.of(
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
                        "latency-remote-" + STORE)
                .map(id -> {
                    try {
                        return id + "='" + text(id) + "'";
                    } catch (WebDriverException absent) {
                        return id + " absent";
                    }
                })
                .collect(Collectors.joining(", ", "the page shows ", ""));
    }

    private static WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private static void click(String id) {
        await(ignored -> element(id).isEnabled() && element(id).isDisplayed());
        element(id).click();
    }

    private static String text(String id) {
        return element(id).getText();
    }

    private static long number(String id) {
        return Long.parseLong(text(id));
    }

    private static String phase() {
        return operator.get(MIGRATION).json().getString("phase");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
