package io.callvault.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callvault.support.Api;
import io.callvault.support.Browser;
import io.callvault.support.Chromium;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import testidp.TestIdentityProvider;

/**
 * Contract 7's single sign-on against a real OpenID Connect provider (Spring Authorization Server in this JVM): the
 * whole authorization code flow as a browser goes through it, the grants claim, and what must never happen (a local
 * account taken over, a callback URL built from the Host header). Once, on H2: the flow does not touch the store.
 */
class SingleSignOnTest extends HttpTestBase {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static TestIdentityProvider.Running provider;

    private String tenantA;
    private String tenantB;

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        registry.add("callvault.oidc.issuer", () -> provider().issuer());
        registry.add("callvault.oidc.client-id", () -> TestIdentityProvider.CLIENT_ID);
        registry.add("callvault.oidc.client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
    }

    private static synchronized TestIdentityProvider.Running provider() {
        if (provider == null) {
            provider = TestIdentityProvider.start();
        }
        return provider;
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.context().close();
            provider = null;
        }
    }

    @BeforeEach
    void tenants() {
        tenantA = api.tenant("sso-a");
        tenantB = api.tenant("sso-b");
    }

    /** A person of the provider's, with these claims in their ID token; answers the name they sign in with there. */
    private String providerPerson(Map<String, Object> claims) {
        String login = "idp-" + UUID.randomUUID().toString().substring(0, 8);
        provider().people().put(login, claims);
        return login;
    }

    private static String username() {
        return "sso-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** What a browser goes through: CallVault → the provider's sign-in form → back to CallVault, redirects followed. */
    private Browser.Visit signInWithProvider(Browser browser, String login) {
        Browser.Visit form = browser.follow("/oauth2/authorization/sso");
        assertThat(form.url().toString()).startsWith(provider().issuer() + "/login");
        Matcher csrf = CSRF_FIELD.matcher(form.response().text());
        assertThat(csrf.find()).as(form.response().text()).isTrue();
        Api.Response posted = browser.submit(form.url(), "username=" + Browser.encode(login) + "&password="
                + Browser.encode(TestIdentityProvider.PASSWORD) + "&_csrf=" + Browser.encode(csrf.group(1)));
        assertThat(posted.status()).as(posted.text()).isEqualTo(302);
        return browser.follow(form.url().resolve(posted.header("Location").orElseThrow()).toString());
    }

    @Test
    void thePageOffersSingleSignOnAndAPersonOfTheProviderSignsInWithTheGrantsTheClaimLists() {
        assertThat(api.send("GET", "/v1/sign-in-options", null).json().get("singleSignOn").asString())
                .isEqualTo("/oauth2/authorization/sso");
        String username = username();
        String login = providerPerson(TestIdentityProvider.claims(username, List.of(tenantA + ":listener",
                tenantB + ":owner", "no-such-tenant:auditor", tenantA + ":tenant-admin", tenantB)));
        Browser browser = new Browser(port);

        Browser.Visit landed = signInWithProvider(browser, login);

        assertThat(landed.url()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(landed.response().status()).isEqualTo(200);
        var me = browser.get("/v1/me").json();
        assertThat(me.get("username").asString()).isEqualTo(username);
        assertThat(me.get("grants")).hasSize(1); // the first grant of tenant A; an unknown role or tenant is left out
        assertThat(me.get("grants").get(0).get("tenant").asString()).isEqualTo(tenantA);
        assertThat(me.get("grants").get(0).get("role").asString()).isEqualTo("listener");
        assertThat(browser.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(200);
        assertThat(browser.get("/v1/tenants/" + tenantB + "/calls").status()).isEqualTo(404);
        assertThat(jdbc.sql("select password_hash from users where username = ?").param(username)
                .query(String.class).optional()).isEmpty(); // a person without a password: the form cannot sign them in
        assertThat(jdbc.sql("select count(*) from admin_log where action = 'user.create' and target = ?"
                + " and address = 'single sign-on'").param(username).query(Long.class).single()).isEqualTo(1);
        assertThat(browser.signIn(username, "")).isEqualTo("/login?error");
    }

    @Test
    void aPersonSignsInWithTheProviderFromTheSignInPageInABrowser() throws Exception {
        Chromium.assumeInstalled();
        String username = username();
        String login = providerPerson(TestIdentityProvider.claims(username, List.of(tenantA + ":auditor")));
        ChromeDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(api.base() + "/");
            wait.until(d -> d.findElement(By.id("sso")).isDisplayed());
            Chromium.screenshot(browser, "sign-in-sso");
            browser.findElement(By.id("sso-link")).click();
            wait.until(d -> d.getCurrentUrl().startsWith(provider().issuer() + "/login"));
            browser.findElement(By.name("username")).sendKeys(login);
            browser.findElement(By.name("password")).sendKeys(TestIdentityProvider.PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().equals(api.base() + "/") && !d.findElements(By.id("who")).isEmpty());
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(username);
            assertThat(browser.findElement(By.id("nav-access-log")).isDisplayed()).isTrue(); // an auditor's page
        } finally {
            browser.quit();
        }
    }

    @Test
    void theGrantsAreSetAgainAtEachSignInAndCountAtOnceInSessionsAlreadyOpen() {
        String username = username();
        String login = providerPerson(TestIdentityProvider.claims(username, List.of(tenantA + ":listener")));
        Browser first = new Browser(port);
        signInWithProvider(first, login);
        assertThat(first.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(200);

        provider().people().put(login, TestIdentityProvider.claims(username, List.of(tenantB + ":tenant-admin")));
        Browser second = new Browser(port);
        signInWithProvider(second, login);

        var grants = second.get("/v1/me").json().get("grants");
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).get("tenant").asString()).isEqualTo(tenantB);
        assertThat(grants.get(0).get("role").asString()).isEqualTo("tenant-admin");
        assertThat(first.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(404);
        assertThat(first.get("/v1/tenants/" + tenantB + "/calls").status()).isEqualTo(200);
    }

    @Test
    void theProviderNeverSignsSomeoneInAsALocalAccount() {
        String local = username();
        assertThat(api.admin("POST", "/v1/admin/users", "{\"username\":\"" + local + "\",\"password\":\"a local password\","
                + "\"grants\":[{\"tenant\":\"" + tenantA + "\",\"role\":\"tenant-admin\"}]}").status()).isEqualTo(201);
        String login = providerPerson(TestIdentityProvider.claims(local, List.of(tenantA + ":tenant-admin")));
        Browser browser = new Browser(port);

        Browser.Visit landed = signInWithProvider(browser, login);

        assertThat(landed.url().getPath()).isEqualTo("/login");
        assertThat(landed.url().getQuery()).isEqualTo("sso-error=local-account");
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);
        assertThat(browser.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(401);
        assertThat(new Browser(port).signIn(local, "a local password")).isEqualTo("/");
    }

    @Test
    void anIdTokenWithoutAUsableUsernameSignsNobodyIn() {
        String login = providerPerson(TestIdentityProvider.claims("not a username", List.of(tenantA + ":listener")));
        Browser browser = new Browser(port);

        Browser.Visit landed = signInWithProvider(browser, login);

        assertThat(landed.url().getQuery()).isEqualTo("sso-error=no-username");
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);

        // no username claim at all: the same answer, not an error page
        String without = providerPerson(Map.of("callvault_grants", List.of(tenantA + ":listener")));
        Browser another = new Browser(port);
        Browser.Visit refused = signInWithProvider(another, without);
        assertThat(refused.response().status()).isEqualTo(200);
        assertThat(refused.url().getQuery()).isEqualTo("sso-error=no-username");
        assertThat(another.get("/v1/me").status()).isEqualTo(401);
    }

    @Test
    void theCallbackUrlGivenToTheProviderIsTheServersOwnNotTheHostHeaders() throws Exception {
        Api.Response redirect = api.announce("GET", "/oauth2/authorization/sso", 0, "Host", "evil.example.test");

        assertThat(redirect.status()).isEqualTo(302);
        String location = URLDecoder.decode(redirect.header("Location").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(location).startsWith(provider().issuer() + "/oauth2/authorize?")
                .contains("redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/sso")
                .doesNotContain("evil.example.test");
    }
}
