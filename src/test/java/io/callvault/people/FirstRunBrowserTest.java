package io.callvault.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callvault.support.Api;
import io.callvault.support.Chromium;
import io.callvault.support.ServerProcess;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a newcomer meets after {@code java -jar} without the demo: a server with no one who can sign in. The sign-in
 * page offers to make the first tenant and its first tenant admin with the admin token, and signs them in. A server
 * of its own (a fresh data folder), in headless Chromium.
 */
class FirstRunBrowserTest {

    private static final String ADMIN_TOKEN = "first-run-admin-token";

    @BeforeAll
    static void chromiumInstalled() {
        Chromium.assumeInstalled();
    }

    @Test
    void theSignInPageOfAServerWithNoOneMakesTheFirstTenantAdminWithTheAdminTokenAndSignsThemIn() throws Exception {
        Path data = Files.createTempDirectory("callvault-first-run").resolve("data");
        try (ServerProcess server = ServerProcess.start(data, ADMIN_TOKEN, List.of(), Map.of())) {
            Api api = new Api(server.port(), ADMIN_TOKEN);
            assertThat(api.get("/v1/sign-in-options").json().get("firstRun").asBoolean()).isTrue();
            ChromeDriver browser = Chromium.start();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get("http://127.0.0.1:" + server.port() + "/");
                wait.until(d -> d.findElement(By.id("first-run")).isDisplayed());
                assertThat(browser.findElement(By.id("signin")).isDisplayed()).isFalse(); // no one to sign in yet
                browser.findElement(By.id("setup-token")).sendKeys("not the token");
                browser.findElement(By.id("setup-tenant")).sendKeys("acme");
                browser.findElement(By.id("setup-tenant-name")).sendKeys("Acme Contact Centre");
                browser.findElement(By.id("setup-username")).sendKeys("aiko");
                browser.findElement(By.id("setup-password")).sendKeys("a first long password");
                browser.findElement(By.cssSelector("#setup button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("message")).getText().contains("not the admin token"));

                browser.findElement(By.id("setup-token")).clear();
                browser.findElement(By.id("setup-token")).sendKeys(ADMIN_TOKEN);
                Chromium.screenshot(browser, "first-run");
                browser.findElement(By.cssSelector("#setup button[type=submit]")).click();

                wait.until(d -> d.getCurrentUrl().endsWith("/") && !d.findElements(By.id("who")).isEmpty());
                assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("aiko");
                assertThat(browser.findElement(By.id("nav-tenant")).isDisplayed()).isTrue(); // a tenant admin
            } finally {
                browser.quit();
            }
            var tenant = api.admin("GET", "/v1/admin/tenants/acme", null).json();
            assertThat(tenant.get("name").asString()).isEqualTo("Acme Contact Centre");
            var grants = api.admin("GET", "/v1/admin/users/aiko", null).json().get("grants");
            assertThat(grants.get(0).get("role").asString()).isEqualTo("tenant-admin");
            assertThat(api.get("/v1/sign-in-options").json().get("firstRun").asBoolean()).isFalse();
        }
    }
}
