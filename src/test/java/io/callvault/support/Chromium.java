package io.callvault.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromium-driver (nothing is downloaded at test time), for the web
 * player's browser tests. Screenshots go to target/screenshots, which docs/player.md shows.
 */
public final class Chromium {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String BINARY = System.getProperty("callvault.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("callvault.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Without Debian's chromium and chromium-driver the browser tests are skipped; under CI=true they must run. */
    public static void assumeInstalled() {
        if (Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of(DRIVER))) {
            return;
        }
        String message = "no " + BINARY + " or " + DRIVER + " (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (CI=true: the browser tests must run)");
        }
        Assumptions.abort(message + " — skipping the browser tests");
    }

    /** A fresh browser (a new profile: no cookies, no cache), 1280 px wide, audio muted but playing. */
    public static ChromeDriver start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        Files.createDirectories(SCREENSHOTS);
        return new ChromeDriver(service, options);
    }

    public static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
