package dev.herald.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium for the browser ITs, driven by Selenium through the system's {@code chromedriver}. Nothing is
 * downloaded: the browser and driver are Debian's {@code chromium} and {@code chromium-driver} (which {@code .ci/run}
 * installs), or those named by the system properties {@code herald.chromium} and {@code herald.chromedriver}.
 *
 * <p>One browser holds several windows, each a separate page with its own connections; {@link #in(Window)} switches
 * to one. Every window's console is collected so a test can assert that the page logged no error.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("herald.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("herald.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Set to {@code required} (as {@code .ci/run} does) to fail, rather than skip, browser tests without Chromium. */
    private static final String REQUIRE_VARIABLE = "HERALD_BROWSER_TESTS";

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(Dimension size) {
        requireExecutable(CHROMIUM, "herald.chromium", "chromium");
        requireExecutable(CHROMEDRIVER, "herald.chromedriver", "chromium-driver");
        try {
            profile = Files.createTempDirectory("herald-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
                "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=" + size.getWidth() + "," + size.getHeight());
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);

        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    /** @return a headless browser with a laptop-sized window */
    public static Browser start() {
        return new Browser(new Dimension(1366, 900));
    }

    /**
     * @param width  the window's width in CSS pixels
     * @param height the window's height
     * @return a headless browser with windows of that size
     */
    public static Browser start(int width, int height) {
        return new Browser(new Dimension(width, height));
    }

    /**
     * Opens a page in a new window (the browser's first window for the first call) and waits until every panel that
     * connects on load shows {@code connected}.
     *
     * @param page the page's address
     * @return the window
     */
    public Window open(URI page) {
        boolean first = driver.getCurrentUrl() == null || driver.getCurrentUrl().startsWith("data:")
                || driver.getCurrentUrl().equals("about:blank");
        if (!first) {
            driver.switchTo().newWindow(WindowType.WINDOW);
        }
        driver.get(page.toString());
        Window window = new Window(driver.getWindowHandle());
        window.awaitState("#notifications", "open");
        window.awaitState("#chat", "open");
        return window;
    }

    /**
     * @return every console message at error level that the browser's windows logged so far, as
     *         {@code "<level> <message>"}; reading collects them from all windows
     */
    public List<String> consoleErrors() {
        String current = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            driver.switchTo().window(handle);
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    consoleErrors.add(entry.getLevel() + " " + entry.getMessage());
                }
            }
        }
        driver.switchTo().window(current);
        return List.copyOf(consoleErrors);
    }

    /**
     * Writes a PNG of the current window.
     *
     * @param window the window
     * @param file   where
     */
    public void screenshot(Window window, Path file) {
        in(window);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Resizes the browser's window, for a phone-sized view.
     *
     * @param window the window
     * @param width  its new width in CSS pixels
     * @param height its new height
     */
    public void resize(Window window, int width, int height) {
        in(window).manage().window().setSize(new Dimension(width, height));
    }

    private WebDriver in(Window window) {
        if (!driver.getWindowHandle().equals(window.handle)) {
            driver.switchTo().window(window.handle);
        }
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }

    /**
     * Whether browser tests should run: when Chromium and its driver are installed, or when the environment variable
     * {@value #REQUIRE_VARIABLE} is {@code required}, in which case a missing browser fails them with an install hint.
     * A newcomer without Chromium gets the other tests and a skipped browser suite; CI gets all of them.
     * Used by the browser ITs as {@code @EnabledIf("dev.herald.support.Browser#available")}.
     *
     * @return whether to run browser tests
     */
    public static boolean available() {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        return installed || "required".equals(System.getenv(REQUIRE_VARIABLE));
    }

    private static void requireExecutable(String path, String property, String debianPackage) {
        if (!new File(path).canExecute()) {
            throw new IllegalStateException(path + " is missing: install Debian's " + debianPackage
                    + " (apt-get install -y chromium chromium-driver, as .ci/run does) or set -D" + property);
        }
    }

    /** One browser window showing a page; its methods switch the browser to it first. */
    public final class Window {

        private final String handle;

        private Window(String handle) {
            this.handle = handle;
        }

        /**
         * @param cssSelector elements to read
         * @return the text of each matching element, in document order
         */
        @SuppressWarnings("unchecked")
        public List<String> texts(String cssSelector) {
            Object texts = ((JavascriptExecutor) in(this)).executeScript(
                    "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())", cssSelector);
            return List.copyOf((List<String>) texts);
        }

        /**
         * @param cssSelector the element
         * @return its current text
         */
        public String text(String cssSelector) {
            return find(cssSelector).getText();
        }

        /**
         * @param cssSelector the element
         * @return the element
         */
        public WebElement find(String cssSelector) {
            return in(this).findElement(By.cssSelector(cssSelector));
        }

        /**
         * Replaces an input's text.
         *
         * @param cssSelector the input
         * @param text        what to type
         * @return this window
         */
        public Window type(String cssSelector, String text) {
            WebElement input = find(cssSelector);
            input.clear();
            input.sendKeys(text);
            return this;
        }

        /**
         * Chooses an option of a {@code select}, as a user would, so that its change listeners run.
         *
         * @param cssSelector the select
         * @param value       the option's value
         * @return this window
         */
        public Window select(String cssSelector, String value) {
            script("const select = document.querySelector(arguments[0]); select.value = arguments[1];"
                    + " select.dispatchEvent(new Event('change', {bubbles: true}));", cssSelector, value);
            return this;
        }

        /**
         * @param cssSelector what to click
         * @return this window
         */
        public Window click(String cssSelector) {
            find(cssSelector).click();
            return this;
        }

        /**
         * Runs a script in the page.
         *
         * @param script the script's body; {@code arguments} holds the arguments
         * @param args   its arguments
         * @return what it returned
         */
        public Object script(String script, Object... args) {
            return ((JavascriptExecutor) in(this)).executeScript(script, args);
        }

        /**
         * Runs an asynchronous script in the page: it ends by calling its last argument with the result.
         *
         * @param script the script's body
         * @param args   its arguments, before the callback
         * @return what it passed to the callback
         */
        public Object asyncScript(String script, Object... args) {
            return ((JavascriptExecutor) in(this)).executeAsyncScript(script, args);
        }

        /**
         * Waits until a panel's connection state badge says a state.
         *
         * @param panel the panel's selector, such as {@code "#chat"}
         * @param state one of herald.js's states: connecting, open, reconnecting, closed
         * @return this window
         */
        public Window awaitState(String panel, String state) {
            awaitTrue(() -> state.equals(find(panel + " .state").getDomAttribute("data-state")),
                    panel + " reaching state " + state);
            return this;
        }

        /**
         * Waits until the elements matching a selector have texts that satisfy a condition.
         *
         * @param cssSelector the elements
         * @param condition   what their texts must satisfy
         * @param what        what is awaited, for the failure message
         * @return the texts that satisfied it
         */
        public List<String> awaitTexts(String cssSelector, java.util.function.Predicate<List<String>> condition,
                                       String what) {
            return await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> texts(cssSelector), condition);
        }

        private void awaitTrue(Supplier<Boolean> condition, String what) {
            await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(condition::get);
        }
    }
}
