package io.coffer.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * The console in the system's headless Chromium, driven through its chromedriver, as the browser tests use it: sign in
 * with the operator's files, find elements by id, click, and wait for the page (never sleep). When a wait fails, the
 * message says what the page showed in the elements the test named. The test is skipped, not failed, when Chromium or
 * its driver is not installed ({@code ./coffer test} installs both).
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String url;
    private final Path home;
    private final List<String> shownOnFailure;
    private final ChromeDriverService driverService;
    private final WebDriver browser;

    private ConsoleBrowser(String url, Path home, List<String> shownOnFailure, String name) throws IOException {
        this.url = url;
        this.home = home;
        this.shownOnFailure = shownOnFailure;
        // The driver binary is named, so Selenium Manager never looks for (or downloads) one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(home.getParent()
                        .resolve("console-" + name + "-chromedriver.log")
                        .toFile())
                .build();
        Path profile = Files.createTempDirectory(home.getParent(), "console-browser-");
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
        try {
            browser = new ChromeDriver(driverService, options);
        } catch (RuntimeException notStarted) {
            driverService.stop();
            throw notStarted;
        }
    }

    /**
     * Starts the browser for the console of the host at {@code url}, whose Coffer home is {@code home}; skips the test
     * when the browser is not installed. {@code name} tells this test's driver log apart; a failed wait shows the text
     * of the elements {@code shownOnFailure} names.
     */
    public static ConsoleBrowser open(String url, Path home, String name, List<String> shownOnFailure)
            throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); ./coffer test installs them");
        return new ConsoleBrowser(url, home, shownOnFailure, name);
    }

    /** Pastes the operator's config and key, as the README tells an operator to, and signs in. */
    public void signIn() throws IOException {
        Path config = home.resolve("operator/config");
        Properties profile = new Properties();
        try (Reader in = Files.newBufferedReader(config)) {
            profile.load(in);
        }
        Path keyFile = config.getParent().resolve(profile.getProperty("key_file"));
        browser.get(url + "/console/");
        element("config").sendKeys(Files.readString(config));
        element("key").sendKeys(Files.readString(keyFile));
        click("signin-button");
        await(ignored -> element("console").isDisplayed());
        assertThat(text("who")).startsWith("operator ");
    }

    public WebDriver driver() {
        return browser;
    }

    public WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    /** Clicks the element once it is shown and enabled. */
    public void click(String id) {
        await(ignored -> element(id).isEnabled() && element(id).isDisplayed());
        element(id).click();
    }

    /** Replaces what an input holds with {@code text}. */
    public void type(String id, String text) {
        element(id).clear();
        element(id).sendKeys(text);
    }

    public String text(String id) {
        return element(id).getText();
    }

    public long number(String id) {
        return Long.parseLong(text(id));
    }

    public String awaitText(String id, Predicate<String> condition) {
        return await(ignored -> {
            String value = text(id);
            return condition.test(value) ? value : null;
        });
    }

    public String awaitAttribute(String id, String attribute, Predicate<String> condition) {
        return await(ignored -> {
            String value = element(id).getDomAttribute(attribute);
            return value != null && condition.test(value) ? value : null;
        });
    }

    /** Waits for the page; when it does not get there, says what the page showed instead. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(this::pageState)
                .until(condition::apply);
    }

    private String pageState() {
        return shownOnFailure.stream()
                .map(id -> {
                    try {
                        return id + "='" + text(id) + "'";
                    } catch (WebDriverException absent) {
                        return id + " absent";
                    }
                })
                .collect(Collectors.joining(", ", "the page shows ", ""));
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            driverService.stop();
        }
    }
}
