package io.callvault.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.callvault.support.Api;
import io.callvault.support.Browser;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Contract 7: the session cookie is Secure behind TLS. Here TLS ends at a proxy CallVault is told to trust, which says
 * so in {@code X-Forwarded-Proto}; the same request without it, or from a proxy not trusted, gets no Secure flag (a
 * browser on plain HTTP would drop a Secure cookie, and the person could not sign in).
 */
@TestPropertySource(properties = "callvault.trusted-proxies=127\\.0\\.0\\.1")
class SessionCookieBehindTlsHttpTest extends HttpTestBase {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void theSessionCookieIsSecureExactlyWhenTheRequestCameOverTls() {
        String tenant = api.tenant("secure-cookie");
        String username = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response made = api.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"grants\":[{\"tenant\":\"" + tenant + "\",\"role\":\"listener\"}]}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);

        assertThat(sessionCookie(username, "X-Forwarded-Proto", "https")).contains("; Secure");
        assertThat(sessionCookie(username, "X-Forwarded-Proto", "http")).doesNotContain("Secure");
        assertThat(sessionCookie(username)).doesNotContain("Secure");
    }

    private String sessionCookie(String username, String... headers) {
        Browser browser = new Browser(port);
        browser.get("/login");
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/x-www-form-urlencoded";
        Api.Response signedIn = browser.send("POST", "/login", "username=" + username + "&password="
                + PASSWORD.replace(' ', '+') + "&_csrf=" + browser.csrfToken().orElseThrow(), all);
        assertThat(signedIn.status()).isEqualTo(302);
        List<String> cookies = signedIn.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("callvault-session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }
}
