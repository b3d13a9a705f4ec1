package io.callvault.people;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Browser;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A provider that cannot be reached: CallVault still starts, and a sign-in with it ends on the form with a reason. */
@TestPropertySource(properties = {"callvault.oidc.issuer=http://127.0.0.1:9/no-provider-here",
        "callvault.oidc.client-id=callvault"})
class SingleSignOnUnavailableTest extends HttpTestBase {

    @Test
    void aSignInWithAProviderThatCannotBeReachedEndsOnTheFormWithAReason() {
        Browser browser = new Browser(port);

        Browser.Visit landed = browser.follow("/oauth2/authorization/sso");

        assertThat(landed.url().getPath()).isEqualTo("/login");
        assertThat(landed.url().getQuery()).isEqualTo("sso-error=unavailable");
        assertThat(landed.response().status()).isEqualTo(200);
        assertThat(browser.get("/v1/me").status()).isEqualTo(401);
    }
}
