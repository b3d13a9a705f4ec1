package io.callvault.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.ServletContext;

import io.callvault.support.Api;
import io.callvault.support.Browser;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Contract 7 over HTTP: people made by the admin, signed in with the form, acting on the native API by cookie. */
class PeopleHttpTest extends HttpTestBase {

    @Autowired
    private ServletContext servletContext;

    private static final String PASSWORD = "correct horse battery";

    private String tenantA;
    private String tenantB;
    private Api.Credentials ingest;

    @BeforeEach
    void tenants() {
        tenantA = api.tenant("people-a", "Asia/Tokyo");
        tenantB = api.tenant("people-b");
        ingest = api.client(List.of(tenantA, tenantB), "ingest", "read");
    }

    private String person(String role, String tenant) {
        String username = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response made = api.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"grants\":[{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\"}]}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return username;
    }

    private String recording(String tenant, String callId) {
        Api.Response put = api.send("PUT", "/v1/tenants/" + tenant + "/calls/" + callId + "/recordings/1",
                TestAudio.pcm16(8000, 1, 8000), "Authorization", ingest.bearer());
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        return put.json().get("id").asString();
    }

    @Test
    void theAdminMakesListsChangesAndDeletesPeopleWithoutEverShowingAPassword() {
        String username = person("listener", tenantA);
        Api.Response listed = api.admin("GET", "/v1/admin/users", null);
        assertThat(listed.text()).contains(username).doesNotContain(PASSWORD).doesNotContain("bcrypt").doesNotContain("$2a$");
        Api.Response changed = api.admin("PUT", "/v1/admin/users/" + username,
                "{\"grants\":[{\"tenant\":\"" + tenantB + "\",\"role\":\"auditor\"}]}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("grants").get(0).get("tenant").asString()).isEqualTo(tenantB);
        assertThat(changed.json().get("grants").get(0).get("role").asString()).isEqualTo("auditor");
        assertThat(jdbc.sql("select password_hash from users where username = ?").param(username).query(String.class)
                .single()).startsWith("{bcrypt}").doesNotContain(PASSWORD);

        assertThat(api.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"grants\":[]}").status()).isEqualTo(409);
        assertThat(api.admin("POST", "/v1/admin/users", "{\"username\":\"short\",\"password\":\"elevenchars\",\"grants\":[]}")
                .status()).isEqualTo(400);
        assertThat(api.admin("POST", "/v1/admin/users", "{\"username\":\"x\",\"password\":\"" + PASSWORD
                + "\",\"grants\":[{\"tenant\":\"" + tenantA + "\",\"role\":\"owner\"}]}").status()).isEqualTo(400);
        assertThat(api.admin("POST", "/v1/admin/users", "{\"username\":\"x\",\"password\":\"" + PASSWORD
                + "\",\"grants\":[{\"tenant\":\"no-such-tenant\",\"role\":\"listener\"}]}").status()).isEqualTo(400);
        assertThat(api.send("GET", "/v1/admin/users", null, "Authorization", ingest.bearer()).status()).isEqualTo(403);

        assertThat(api.admin("DELETE", "/v1/admin/users/" + username, null).status()).isEqualTo(204);
        assertThat(api.admin("DELETE", "/v1/admin/users/" + username, null).status()).isEqualTo(404);
    }

    @Test
    void aPersonSignsInWithTheFormAndGetsAnHttpOnlyLaxSessionCookie() {
        String username = person("listener", tenantA);
        Browser browser = new Browser(port);
        assertThat(browser.get("/v1/sign-in-options").json().get("singleSignOn").isNull()).isTrue(); // not configured
        assertThat(browser.signIn(username, PASSWORD)).isEqualTo("/");
        var session = browser.cookie("callvault-session").orElseThrow();
        assertThat(session.isHttpOnly()).isTrue();
        // the session, kept in the database, holds who signed in and nothing of their credentials or hash
        List<Map.Entry<String, String>> kept = jdbc.sql("select a.attribute_name, a.attribute_bytes from spring_session s"
                + " join spring_session_attributes a on a.session_primary_id = s.primary_id where s.principal_name = ?")
                .param(username).query((row, n) -> Map.entry(row.getString(1),
                        new String(row.getBytes(2), java.nio.charset.StandardCharsets.ISO_8859_1))).list();
        assertThat(kept).extracting(Map.Entry::getKey)
                .containsExactly("org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME");
        String hash = jdbc.sql("select password_hash from users where username = ?").param(username).query(String.class)
                .single();
        assertThat(kept).extracting(Map.Entry::getValue).noneMatch(bytes -> bytes.contains(hash) || bytes.contains(PASSWORD));
        Api.Response me = browser.get("/v1/me");
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo(username);
        assertThat(me.json().get("grants").get(0).get("tenant").asString()).isEqualTo(tenantA);
        assertThat(me.json().get("grants").get(0).get("role").asString()).isEqualTo("listener");
        assertThat(me.json().get("grants").get(0).get("timeZone").asString()).isEqualTo("Asia/Tokyo");

        Browser raw = new Browser(port);
        raw.get("/login");
        Api.Response signedIn = raw.send("POST", "/login", "username=" + username + "&password=" + PASSWORD.replace(' ', '+')
                + "&_csrf=" + raw.csrfToken().orElseThrow(), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).startsWith("callvault-session=").contains("HttpOnly").contains("SameSite=Lax"));
    }

    /** The pages' files are the same for everyone: a signed-in person's read of them neither reads nor touches the session. */
    @Test
    void thePagesFilesLeaveThePersonsSessionAloneAndTheApiKeepsItAlive() throws Exception {
        String username = person("listener", tenantA);
        Browser browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        long signedIn = lastAccess(username);
        for (String file : List.of("/app.js", "/app.css", "/call.html")) {
            Thread.sleep(5);
            Api.Response page = browser.get(file);
            assertThat(page.status()).as(file).isEqualTo(200);
            assertThat(lastAccess(username)).as("%s does not touch the session", file).isEqualTo(signedIn);
        }
        Thread.sleep(5);
        assertThat(browser.get("/v1/me").status()).isEqualTo(200);
        assertThat(lastAccess(username)).as("a request of the API with the cookie keeps the session alive")
                .isGreaterThan(signedIn);
        assertThat(browser.get("/").status()).as("a page's own address").isEqualTo(200);
    }

    private long lastAccess(String username) {
        return jdbc.sql("select last_access_time from spring_session where principal_name = ?").param(username)
                .query(Long.class).single();
    }

    @Test
    void wrongCredentialsGoBackToTheSignInPageAlikeWhetherThePersonExistsOrNot() {
        String username = person("listener", tenantA);
        assertThat(new Browser(port).signIn(username, "not the password at all")).isEqualTo("/login?error");
        assertThat(new Browser(port).signIn("nobody-" + UUID.randomUUID(), PASSWORD)).isEqualTo("/login?error");
        Browser browser = new Browser(port);
        browser.signIn(username, "not the password at all");
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void signingInWithoutTheCsrfTokenIsRefused() {
        String username = person("listener", tenantA);
        Browser browser = new Browser(port);
        browser.get("/login");
        Api.Response posted = browser.send("POST", "/login", "username=" + username + "&password="
                + PASSWORD.replace(' ', '+'), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(posted.status()).isEqualTo(403);
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aPersonReadsTheGrantedTenantAndNoOther() throws Exception {
        String recordingA = recording(tenantA, "call-a");
        String recordingB = recording(tenantB, "call-b");
        Browser browser = new Browser(port);
        browser.signIn(person("listener", tenantA), PASSWORD);

        assertThat(browser.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(200);
        assertThat(browser.get("/v1/tenants/" + tenantA + "/calls/call-a").status()).isEqualTo(200);
        Api.Response audio = browser.get("/v1/tenants/" + tenantA + "/recordings/" + recordingA + "/audio",
                "Range", "bytes=0-99");
        assertThat(audio.status()).isEqualTo(206);
        assertThat(audio.body()).hasSize(100);

        assertThat(browser.get("/v1/tenants/" + tenantB + "/calls").status()).isEqualTo(404);
        assertThat(browser.get("/v1/tenants/" + tenantB + "/calls/call-b").status()).isEqualTo(404);
        assertThat(browser.get("/v1/tenants/" + tenantB + "/recordings/" + recordingB + "/audio").status()).isEqualTo(404);
        assertThat(browser.get("/v1/tenants/" + tenantB + "/recordings/" + recordingB + "/waveform").status()).isEqualTo(404);
        assertThat(browser.get("/v1/admin/tenants").status()).isEqualTo(401);

        assertThat(browser.get("/v1/tenants/" + tenantA + "/recordings/" + recordingA + "/audio?download=true").status())
                .isEqualTo(200);
        String who = audited().sql("select client_id from access_log where recording_id = ? and kind = 'play'")
                .param(recordingA).query(String.class).single();
        assertThat(who).startsWith("user:p");
        assertThat(jdbc.sql("select client_id from access_log where recording_id = ? and kind = 'download'")
                .param(recordingA).query(String.class).single()).isEqualTo(who);
        // a signed URL is for API clients: a person already plays with the cookie
        assertThat(browser.json("POST", "/v1/tenants/" + tenantA + "/recordings/" + recordingA + "/playback-url", "{}", true)
                .status()).isEqualTo(403);
    }

    @Test
    void aChangeMadeWithTheCookieNeedsTheCsrfTokenAndTheRole() {
        recording(tenantA, "call-held");
        Browser admin = new Browser(port);
        admin.signIn(person("tenant-admin", tenantA), PASSWORD);
        String hold = "/v1/tenants/" + tenantA + "/calls/call-held/hold";

        Api.Response withoutToken = admin.json("PUT", hold, "{\"reason\":\"dispute\"}", false);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.text()).contains("X-CSRF-TOKEN");
        assertThat(admin.get(hold).status()).isEqualTo(404); // nothing was held

        Api.Response withToken = admin.json("PUT", hold, "{\"reason\":\"dispute\"}", true);
        assertThat(withToken.status()).as(withToken.text()).isEqualTo(200);
        assertThat(withToken.json().get("heldBy").asString()).startsWith("user:");

        Browser listener = new Browser(port);
        listener.signIn(person("listener", tenantA), PASSWORD);
        assertThat(listener.json("DELETE", hold, null, true).status()).isEqualTo(403);
        assertThat(admin.json("DELETE", hold, null, true).status()).isEqualTo(204);
    }

    @Test
    void deletingAPersonOrChangingTheirPasswordEndsTheirSessionsAtOnce() {
        String deleted = person("listener", tenantA);
        Browser first = new Browser(port);
        first.signIn(deleted, PASSWORD);
        assertThat(first.get("/v1/me").status()).isEqualTo(200);
        api.admin("DELETE", "/v1/admin/users/" + deleted, null);
        assertThat(first.get("/v1/me").status()).isEqualTo(401);
        assertThat(first.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(401);

        String changed = person("listener", tenantA);
        Browser second = new Browser(port);
        second.signIn(changed, PASSWORD);
        api.admin("PUT", "/v1/admin/users/" + changed, "{\"password\":\"another long password\"}");
        assertThat(second.get("/v1/me").status()).isEqualTo(401);
        assertThat(new Browser(port).signIn(changed, "another long password")).isEqualTo("/");
    }

    @Test
    void signingOutEndsTheSession() {
        Browser browser = new Browser(port);
        browser.signIn(person("listener", tenantA), PASSWORD);
        Api.Response out = browser.send("POST", "/logout", "_csrf=" + browser.csrfToken().orElseThrow(),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(out.status()).isEqualTo(302);
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordsThrottleThatUsernameFromThatAddressOnly() {
        String guessed = person("listener", tenantA);
        String other = person("listener", tenantA);
        for (int i = 0; i < LoginThrottle.ATTEMPTS; i++) {
            assertThat(new Browser(port).signIn(guessed, "wrong guess number " + i)).isEqualTo("/login?error");
        }
        assertThat(new Browser(port).signIn(guessed, PASSWORD)).isEqualTo("/login?throttled");
        assertThat(new Browser(port).signIn(other, PASSWORD)).isEqualTo("/");
        clock.advance(java.time.Duration.ofMinutes(LoginThrottle.REFILL_MINUTES + 1));
        assertThat(new Browser(port).signIn(guessed, PASSWORD)).isEqualTo("/");
    }

    @Test
    void apiClientsAreUntouchedByThePeoplesSecurity() {
        String recording = recording(tenantA, "call-api");
        Api.Response audio = api.send("GET", "/v1/tenants/" + tenantA + "/recordings/" + recording + "/audio", null,
                "Authorization", ingest.bearer());
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(audio.header("X-Frame-Options")).isEmpty();
        // a state change by key needs no CSRF token
        assertThat(api.json("PUT", "/v1/tenants/" + tenantA + "/calls/call-api", "{\"ani\":\"0312345678\"}",
                "Authorization", ingest.bearer()).status()).isEqualTo(200);
        // Spring Session's filter runs only inside PeopleSessions' filter, which lets requests with a credential by;
        // Boot would otherwise register it in front of every request
        assertThat(servletContext.getFilterRegistrations()).containsKey("peopleSessions")
                .doesNotContainKey("springSessionRepositoryFilter");
    }

    @Test
    void anAuditorReadsAndExportsTheTenantsAccessLogAndAListenerCannot() {
        String recording = recording(tenantA, "-2-3"); // a call id a spreadsheet would take for a formula
        String reader = person("listener", tenantA);
        Browser listener = new Browser(port);
        listener.signIn(reader, PASSWORD);
        assertThat(listener.get("/v1/tenants/" + tenantA + "/recordings/" + recording + "/audio").status()).isEqualTo(200);
        audited();
        assertThat(listener.get("/v1/tenants/" + tenantA + "/access-log").status()).isEqualTo(403);

        Browser auditor = new Browser(port);
        auditor.signIn(person("auditor", tenantA), PASSWORD);
        Api.Response log = auditor.get("/v1/tenants/" + tenantA + "/access-log?kind=play");
        assertThat(log.status()).as(log.text()).isEqualTo(200);
        assertThat(log.json().get("entries").get(0).get("clientId").asString()).isEqualTo("user:" + reader);
        assertThat(auditor.get("/v1/tenants/" + tenantB + "/access-log").status()).isEqualTo(404);

        Api.Response csv = auditor.get("/v1/tenants/" + tenantA + "/access-log.csv?kind=play");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.header("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).startsWith("id,at,who,tenant,call,recording,kind");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",user:" + reader + "," + tenantA + ",'-2-3," + recording + ",play,");

        // an API client needs the audit scope for it, as a person needs the role
        assertThat(api.send("GET", "/v1/tenants/" + tenantA + "/access-log", null, "Authorization", ingest.bearer())
                .status()).isEqualTo(403);
        Api.Credentials compliance = api.client(List.of(tenantA), "audit");
        assertThat(api.send("GET", "/v1/tenants/" + tenantA + "/access-log", null, "Authorization", compliance.bearer())
                .status()).isEqualTo(200);
    }
}
