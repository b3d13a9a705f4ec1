package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Failed authentications from one address are limited; past the limit every request from it gets 429. */
@TestPropertySource(properties = {"callvault.auth-throttle.failures=5", "callvault.auth-throttle.interval=1m"})
class AuthThrottleHttpTest extends HttpTestBase {

    @Test
    void guessingKeysIsSlowedToAHalt() {
        String tenant = api.tenant("throttle");
        Api.Credentials client = api.readWriteClient(tenant);
        String calls = "/v1/tenants/" + tenant + "/calls";
        assertThat(api.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(calls, "Authorization", "Bearer guess-" + i).status()).isEqualTo(401);
        }
        Api.Response refused = api.get(calls, "Authorization", client.bearer());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(refused.json().get("detail").asString()).contains("failed authentications");
        Api.Response wellcloud = api.get("/api/operation/tenant/calls/x/recordings2", "Authorization", client.apiKey());
        assertThat(wellcloud.status()).isEqualTo(429);
        assertThat(wellcloud.json().get("code").asString()).isEqualTo("429");
        assertThat(api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(15)); // a quarter of the interval refills one failure or so
        assertThat(api.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
        // successes spend nothing
        for (int i = 0; i < 20; i++) {
            assertThat(api.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
        }
    }
}
