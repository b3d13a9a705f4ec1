package io.callvault.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.callvault.support.Api;
import io.callvault.support.Chromium;
import io.callvault.support.HttpTestBase;
import io.callvault.support.LiveAudio;
import io.callvault.support.LiveClient;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web player in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium) against the
 * real server: sign in, search, open a call, play, seek on the waveform, the transcript following, tenant isolation
 * and CSRF. Screenshots of each page go to target/screenshots (docs/player.md shows them).
 */
class PlayerBrowserTest extends HttpTestBase {

    private static final String PASSWORD = "a long enough password";
    private static final int SECONDS = 20;

    private ChromeDriver browser;
    private WebDriverWait wait;
    private String tenantA;
    private String tenantB;

    @BeforeAll
    static void chromiumInstalled() {
        Chromium.assumeInstalled();
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void calls() throws IOException {
        tenantA = api.tenant("player-a", "Asia/Tokyo");
        tenantB = api.tenant("player-b");
        Api.Credentials ingest = api.client(List.of(tenantA, tenantB), "ingest", "read");
        for (String[] call : new String[][] {{tenantA, "1001", "090-1234-5678", "agent-7"},
                {tenantA, "1002", "03-5555-0000", "agent-9"}, {tenantB, "2001", "090-1234-5678", "agent-b"}}) {
            assertThat(api.json("PUT", "/v1/tenants/" + call[0] + "/calls/" + call[1], "{\"direction\":\"Inbound\",\"ani\":\""
                    + call[2] + "\",\"dnis\":\"0120-000-111\",\"agentId\":\"" + call[3] + "\",\"agentName\":\"Aiko Sato\","
                    + "\"connectTime\":\"2026-11-30T01:00:00Z\",\"disconnectTime\":\"2026-11-30T01:00:20Z\"}",
                    "Authorization", ingest.bearer()).status()).isIn(200, 201);
            Api.Response put = api.send("PUT", "/v1/tenants/" + call[0] + "/calls/" + call[1] + "/recordings/1",
                    stereo(SECONDS * 8000), "Authorization", ingest.bearer());
            assertThat(put.status()).as(put.text()).isEqualTo(201);
        }
        // four sentences, 5 s apart (CT-e1's recogniser pushes times in milliseconds)
        String sentences = String.join(",", List.of(
                "{\"sequence\":1,\"speakerId\":2,\"startTime\":0,\"endTime\":4000,\"text\":\"Thank you for calling.\"}",
                "{\"sequence\":2,\"speakerId\":1,\"startTime\":5000,\"endTime\":9000,\"text\":\"I have a question about my bill.\"}",
                "{\"sequence\":3,\"speakerId\":2,\"startTime\":10000,\"endTime\":14000,\"text\":\"Let me look that up.\"}",
                "{\"sequence\":4,\"speakerId\":1,\"startTime\":15000,\"endTime\":19000,\"text\":\"Thanks, that is all.\"}"));
        Api.Response pushed = api.json("POST", "/general/v1/" + ingest.sourceUuid() + "/call/speech_recognition_all/send",
                "{\"conversation\":{\"status\":\"complete\",\"tenantId\":\"" + tenantA + "\",\"sessionId\":1001,"
                        + "\"completed\":true,\"recordList\":[{\"recordId\":1,\"sentenceList\":[" + sentences + "]}]}}",
                "Authorization", ingest.apiKey());
        assertThat(pushed.text()).contains("complete");
    }

    private String person(String role) {
        String username = "qa-" + UUID.randomUUID().toString().substring(0, 6);
        Api.Response made = api.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"grants\":[{\"tenant\":\"" + tenantA + "\",\"role\":\"" + role + "\"}]}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return username;
    }

    /**
     * Stereo 8 kHz shaped like the transcript: the agent (right) speaks at 0-4 s and 10-14 s, the customer (left) at
     * 5-9 s and 15-19 s, each utterance a tone whose loudness rises and falls like speech; silence between.
     */
    private static byte[] stereo(int frames) {
        return TestAudio.stereo16(8000, frames, f -> speech(f, 1, 220), f -> speech(f, 0, 180));
    }

    /** A tone whose loudness rises and falls like speech, in the 4-second turns of the given speaker. */
    private static int speech(int frame, int turn, double hertz) {
        double t = frame / 8000.0;
        int second = (int) t;
        if (second % 5 == 4 || (second / 5) % 2 != turn) {
            return 0;
        }
        double envelope = 0.35 + 0.65 * Math.abs(Math.sin(2 * Math.PI * 0.7 * t)) * Math.abs(Math.sin(2 * Math.PI * 3.1 * t));
        return (int) Math.round(Math.sin(2 * Math.PI * hertz * t) * 14000 * envelope);
    }

    private void filterWho(String who) {
        WebElement field = browser.findElement(By.name("client"));
        field.clear();
        field.sendKeys(who);
        browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }

    private Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(javascript, arguments);
    }

    /** A fetch from the page itself, with its cookie: the JSON endpoints as the page's script sees them. */
    private long fetchStatus(String method, String path, boolean withCsrfToken) {
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const [method, path, withToken, done] = arguments;
                const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
                const headers = {'Content-Type': 'application/json'};
                if (withToken && token) headers['X-CSRF-TOKEN'] = decodeURIComponent(token.substring(11));
                fetch(path, {method, headers, body: method === 'GET' ? undefined : '{"reason":"test"}'})
                  .then(r => done(r.status), e => done(-1));""", method, path, withCsrfToken);
        return ((Number) status).longValue();
    }

    private void signIn(String username) throws IOException {
        browser.get(api.base() + "/");
        wait.until(d -> d.getCurrentUrl().endsWith("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        screenshot("sign-in");
        browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#results tbody tr")).isEmpty());
    }

    @Test
    void aListenerFindsACallPlaysItSeeksOnTheWaveformAndTheTranscriptFollows() throws Exception {
        signIn(person("listener"));
        assertThat(browser.findElements(By.cssSelector("#results tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("zone-note")).getText()).contains("Asia/Tokyo");
        // times shown in the tenant's zone: 01:00 UTC is 10:00 in Tokyo
        assertThat(browser.findElement(By.cssSelector("#results tbody tr td a")).getText()).contains("10:00:00");

        // the phone number as people type it: dashes and all
        browser.findElement(By.name("ani")).sendKeys("090-1234");
        browser.findElement(By.cssSelector("#search button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 1);
        screenshot("search");
        browser.findElement(By.cssSelector("#results tbody tr td a")).click();

        wait.until(d -> d.getCurrentUrl().contains("/call?"));
        wait.until(d -> d.findElements(By.cssSelector("#transcript li")).size() == 4);
        List<WebElement> lanes = browser.findElements(By.cssSelector("#waveforms canvas"));
        assertThat(lanes).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#waveforms figcaption")).getText()).contains("Customer");
        wait.until(d -> ((Number) script("return document.getElementById('player').duration || 0")).doubleValue() > 0);
        double duration = ((Number) script("return document.getElementById('player').duration")).doubleValue();
        assertThat(duration).isCloseTo(SECONDS, within(0.1));

        script("document.getElementById('player').play()");
        wait.until(d -> ((Number) script("return document.getElementById('player').currentTime")).doubleValue() > 0.3);

        // seek by clicking 85% of the way along the waveform (17 s: within the fourth sentence, 15-19 s)
        WebElement lane = lanes.get(0);
        int width = lane.getSize().getWidth();
        script("document.getElementById('player').pause()");
        new Actions(browser).moveToElement(lane, (int) (width * 0.35), 0).click().perform(); // offsets from the centre
        double at = ((Number) script("return document.getElementById('player').currentTime")).doubleValue();
        assertThat(at).isCloseTo(duration * 0.85, within(duration * 0.03));
        // the transcript line that started at 15 s is the current one
        wait.until(d -> d.findElements(By.cssSelector("#transcript li.current")).size() == 1
                && d.findElement(By.cssSelector("#transcript li.current")).getText().contains("that is all"));

        // a click on a line seeks to it
        browser.findElements(By.cssSelector("#transcript li button")).get(1).click();
        assertThat(((Number) script("return document.getElementById('player').currentTime")).doubleValue())
                .isCloseTo(5.0, within(0.3));
        wait.until(d -> d.findElement(By.cssSelector("#transcript li.current")).getText().contains("my bill"));
        script("window.scrollTo(0, 0)");
        screenshot("call");

        // the playback speed goes from 0.5x to 2x
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("speed"))).selectByValue("2");
        assertThat(((Number) script("return document.getElementById('player').playbackRate")).doubleValue()).isEqualTo(2.0);

        browser.manage().window().setSize(new Dimension(390, 844));
        script("window.scrollTo(0, 0)");
        screenshot("call-390px");
        assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);

        // plays are audited under the person
        Long plays = audited().sql("select count(*) from access_log where tenant_id = ? and client_id like 'user:qa-%'"
                + " and kind = 'play'").param(tenantA).query(Long.class).single();
        assertThat(plays).isPositive();
    }

    @Test
    void anotherTenantsCallDoesNotExistForThePersonByUrlOrByJson() throws Exception {
        signIn(person("listener"));
        browser.get(api.base() + "/call?tenant=" + tenantB + "&call=2001");
        wait.until(d -> d.findElement(By.id("status")).getText().contains("No such call"));
        assertThat(fetchStatus("GET", "/v1/tenants/" + tenantB + "/calls/2001", false)).isEqualTo(404);
        assertThat(fetchStatus("GET", "/v1/tenants/" + tenantB + "/calls", false)).isEqualTo(404);
        assertThat(fetchStatus("GET", "/v1/tenants/" + tenantA + "/calls/1001", false)).isEqualTo(200);
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndATenantAdminHoldsACall() throws Exception {
        signIn(person("tenant-admin"));
        String hold = "/v1/tenants/" + tenantA + "/calls/1002/hold";
        assertThat(fetchStatus("PUT", hold, false)).isEqualTo(403);
        assertThat(fetchStatus("GET", hold, false)).isEqualTo(404);

        browser.get(api.base() + "/call?tenant=" + tenantA + "&call=1002");
        WebElement place = wait.until(d -> {
            WebElement button = d.findElement(By.id("hold-place"));
            return button.isDisplayed() ? button : null;
        });
        place.click();
        browser.switchTo().alert().sendKeys("billing dispute");
        browser.switchTo().alert().accept();
        wait.until(d -> d.findElement(By.id("hold-badge")).isDisplayed());
        assertThat(browser.findElement(By.id("hold-reason")).getText()).isEqualTo("billing dispute");
        assertThat(fetchStatus("GET", hold, false)).isEqualTo(200);
        screenshot("call-on-hold");
    }

    @Test
    void anAuditorSeesWhoPlayedWhatOnTheAccessLogPage() throws Exception {
        signIn(person("listener"));
        browser.get(api.base() + "/call?tenant=" + tenantA + "&call=1001");
        wait.until(d -> ((Number) script("return document.getElementById('player').duration || 0")).doubleValue() > 0);
        script("document.getElementById('player').play()");
        wait.until(d -> ((Number) script("return document.getElementById('player').currentTime")).doubleValue() > 0.2);
        assertThat(browser.findElements(By.id("nav-access-log"))).isEmpty(); // a listener has no access log
        audited();
        browser.manage().deleteAllCookies();

        String auditor = person("auditor");
        signIn(auditor);
        browser.findElement(By.id("nav-access-log")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#entries tbody tr")).isEmpty());
        String firstRow = browser.findElement(By.cssSelector("#entries tbody tr")).getText();
        assertThat(firstRow).contains("user:qa-").contains("play").contains("1001");
        screenshot("access-log");
        String export = browser.findElement(By.id("export")).getAttribute("href");
        assertThat(export).contains("/v1/tenants/" + tenantA + "/access-log.csv");
        // "Who" finds a person's reads through the access log's runs; someone who read nothing finds none
        String reader = firstRow.substring(firstRow.indexOf("user:qa-")).split("\\s")[0];
        filterWho("user:nobody"); // first, so that the next wait cannot be met by the page shown before
        wait.until(d -> d.findElement(By.id("status")).getText().equals("Nothing matches."));
        filterWho(reader);
        wait.until(d -> d.findElement(By.id("status")).getText().contains("on this page"));
        assertThat(browser.findElement(By.cssSelector("#entries tbody tr")).getText()).contains(reader).contains("1001");
        screenshot("access-log-who");
    }

    /** A CT-e1 platform's connection with tenant A's call {@code sessionId} started, no audio sent yet. */
    private LiveClient cte1CallStarted(int sessionId) {
        Api.Credentials platform = api.client(List.of(tenantA), "ingest");
        LiveClient cte1 = LiveClient.connect(port, "/general/v1/audio_streaming/audio/ws", "Authorization",
                platform.apiKey());
        cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":" + sessionId + "}");
        assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
        return cte1;
    }

    /** A listener signs in, opens the live page and listens to the one call being recorded. */
    private void listenToTheCallBeingRecorded() throws IOException {
        signIn(person("listener"));
        browser.findElement(By.id("nav-live")).click();
        wait.until(d -> d.findElements(By.cssSelector("#calls tbody tr")).size() == 1);
        browser.findElement(By.cssSelector("#calls tbody tr button")).click();
    }

    /**
     * A CT-e1 platform that sends nothing for 4 s (a hold) has that time added as silence when it goes on, all at
     * once: the page skips it rather than staying 4 s behind the call.
     */
    @Test
    void aListenerStaysAtTheLiveEdgeAfterAHold() throws Exception {
        byte[][] frames = LiveAudio.frames(LiveAudio.call(8, 2.0, 1, false), 16, 20);
        try (LiveClient cte1 = cte1CallStarted(3002)) {
            listenToTheCallBeingRecorded();
            wait.until(d -> d.findElement(By.id("listen-state")).getText().startsWith("Listening"));
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                LiveAudio.pace(start, i * 20L);
                cte1.binary(frames[i]);
            }
            LiveAudio.pace(start, 5_000); // on hold for 4 s
            for (int i = 50; i < frames.length; i++) {
                LiveAudio.pace(start, 4_000 + i * 20L);
                cte1.binary(frames[i]);
            }
            wait.until(d -> Double.parseDouble(d.findElement(By.id("listen-state")).getAttribute("data-seconds"))
                    > 5.5);
            assertThat(Double.parseDouble(browser.findElement(By.id("listen-state")).getAttribute("data-behind")))
                    .as("seconds of audio scheduled ahead of the page's clock").isLessThan(3.0);
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            cte1.closeCode();
        }
        wait.until(d -> d.findElement(By.id("listen-state")).getText().contains("ended"));
    }

    @Test
    void aListenerHearsACallThatIsBeingRecorded() throws Exception {
        byte[][] frames = LiveAudio.frames(LiveAudio.call(7, 8.0, 1, false), 16, 20);
        try (LiveClient cte1 = cte1CallStarted(3001)) {
            try (LiveAudio.PacedSender platformSends = new LiveAudio.PacedSender(cte1, frames, 20)) {
                listenToTheCallBeingRecorded();
                // the page decodes the audio it receives and schedules it in Web Audio
                wait.until(d -> {
                    String seconds = d.findElement(By.id("listen-state")).getAttribute("data-seconds");
                    return seconds != null && Double.parseDouble(seconds) > 1.0;
                });
                screenshot("live");
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            cte1.closeCode();
        }
        wait.until(d -> d.findElement(By.id("listen-state")).getText().contains("ended"));
        Long listens = audited().sql("select count(*) from access_log where tenant_id = ? and kind = 'live'"
                + " and client_id like 'user:qa-%'").param(tenantA).query(Long.class).single();
        assertThat(listens).isEqualTo(1);
    }

    @Test
    void anotherSitesPageCannotListenWithThePersonsCookie() throws Exception {
        signIn(person("listener"));
        String cookie = browser.manage().getCookieNamed("callvault-session").getValue();
        // what a page of another origin would send: the cookie (a browser sends it with a WebSocket handshake) and its Origin
        assertThat(LiveClient.refusal(port, "/v1/tenants/" + tenantA + "/calls/1001/live", "Cookie",
                "callvault-session=" + cookie, "Origin", "https://evil.example")).isEqualTo(401);
    }

    @Test
    void theSearchPagesForwardAndBack() throws Exception {
        Api.Credentials ingest = api.client(List.of(tenantA), "ingest");
        for (int i = 0; i < 28; i++) {
            assertThat(api.json("PUT", "/v1/tenants/" + tenantA + "/calls/page-" + i, "{\"connectTime\":\"2026-11-29T0"
                    + (i % 10) + ":00:00Z\"}", "Authorization", ingest.bearer()).status()).isEqualTo(201);
        }
        signIn(person("listener"));
        wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 25);
        browser.findElement(By.id("next")).click();
        wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 5); // 30 calls in all
        assertThat(browser.findElement(By.id("next")).isDisplayed()).isFalse();
        browser.findElement(By.id("previous")).click();
        wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 25);
        assertThat(browser.findElement(By.id("previous")).isDisplayed()).isFalse();
        // read in one script: the page replaces the rows as it renders, so a found element can go stale
        String firstCell = "return document.querySelector('#results tbody tr td').textContent";
        assertThat((String) script(firstCell)).startsWith("30/11/2026"); // newest first

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("order"))).selectByValue("oldest");
        browser.findElement(By.cssSelector("#search button[type=submit]")).click();
        wait.until(d -> ((String) script(firstCell)).startsWith("29/11/2026, 09:00"));
    }

    /** Controls a screen reader could not name: no label, no aria-label, no text. */
    @SuppressWarnings("unchecked")
    private List<String> unlabelledControls() {
        return (List<String>) script("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], [role=slider]')]
                  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                  .map(e => e.outerHTML.substring(0, 120));""");
    }

    private void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** Tabs forward until the focused element matches the selector (at most 80 presses). */
    private void tabTo(String selector) {
        for (int i = 0; i < 80; i++) {
            if ((Boolean) script("return document.activeElement.matches(arguments[0])", selector)) {
                return;
            }
            press(org.openqa.selenium.Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + selector + "; at "
                + script("return document.activeElement.outerHTML.substring(0, 200)"));
    }

    @Test
    void aPersonSignsInFindsAndPlaysACallWithTheKeyboardAloneOnLabelledPagesUnder200KB() throws Exception {
        String username = person("tenant-admin");
        browser.get(api.base() + "/");
        wait.until(d -> d.getCurrentUrl().endsWith("/login"));
        assertThat(unlabelledControls()).isEmpty();
        press(username); // the username field has the focus
        press(org.openqa.selenium.Keys.TAB);
        press(PASSWORD + org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 2);

        long transferred = ((Number) script("""
                return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                  .reduce((sum, e) => sum + e.transferSize, 0);""")).longValue();
        assertThat(transferred).as("bytes the first page took, its API calls included").isBetween(1L, 200_000L);
        assertThat(unlabelledControls()).isEmpty();

        tabTo("#results a[href$=\"call=1001\"]"); // the call with a transcript
        press(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("/call?"));
        wait.until(d -> ((Number) script("return document.getElementById('player').duration || 0")).doubleValue() > 0);
        assertThat(unlabelledControls()).isEmpty();
        tabTo("#waveforms canvas");
        press(org.openqa.selenium.Keys.END);
        assertThat(((Number) script("return document.getElementById('player').currentTime")).doubleValue())
                .isCloseTo(SECONDS, within(0.1));
        press(org.openqa.selenium.Keys.HOME);
        press(org.openqa.selenium.Keys.ARROW_RIGHT);
        press(org.openqa.selenium.Keys.ARROW_RIGHT);
        assertThat(((Number) script("return document.getElementById('player').currentTime")).doubleValue())
                .isCloseTo(10.0, within(0.1));
        press(" "); // plays
        wait.until(d -> ((Number) script("return document.getElementById('player').currentTime")).doubleValue() > 10.3);
        press(" ");
        tabTo("#transcript li button");
        press(org.openqa.selenium.Keys.ENTER); // the first line: back to its start
        assertThat(((Number) script("return document.getElementById('player').currentTime")).doubleValue())
                .isCloseTo(0.0, within(0.3));

        for (String page : List.of("/live", "/access-log", "/tenant")) {
            browser.get(api.base() + page + "?tenant=" + tenantA);
            wait.until(d -> d.findElements(By.id("nav-tenant")).size() == 1);
            assertThat(unlabelledControls()).as(page).isEmpty();
        }
    }

    @Test
    void aTenantAdminSetsRetentionAndAddsAPersonOnTheTenantPage() throws Exception {
        signIn(person("tenant-admin"));
        browser.findElement(By.id("nav-tenant")).click();
        wait.until(d -> d.findElements(By.cssSelector("#people tbody tr")).size() == 1); // the admin themselves

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("retention-mode"))).selectByValue("days");
        browser.findElement(By.id("retention-days")).sendKeys("400");
        browser.findElement(By.cssSelector("#retention button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().contains("kept for 400 days"));
        assertThat(api.admin("GET", "/v1/admin/tenants/" + tenantA, null).json().get("retentionDays").asInt())
                .isEqualTo(400);

        String newcomer = "qa-new-" + UUID.randomUUID().toString().substring(0, 6);
        browser.findElement(By.id("new-username")).sendKeys(newcomer);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("new-role"))).selectByValue("auditor");
        browser.findElement(By.id("new-password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#person button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#people tbody tr")).size() == 2);
        screenshot("tenant");
        var grants = api.admin("GET", "/v1/admin/users/" + newcomer, null).json().get("grants");
        assertThat(grants.get(0).get("tenant").asString()).isEqualTo(tenantA);
        assertThat(grants.get(0).get("role").asString()).isEqualTo("auditor");
    }
}
