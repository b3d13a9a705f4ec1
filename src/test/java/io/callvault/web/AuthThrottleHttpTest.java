package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed authentications from one address are limited, and only they: past the limit a bad credential is answered 429
 * in the surface's own model, while a valid one (and a request with none) is served as ever.
 */
@ExtendWith(OutputCaptureExtension.class)
// the test's requests come through "a proxy" on loopback, which names the client address: each test its own
@TestPropertySource(properties = {"callvault.auth-throttle.failures=5", "callvault.auth-throttle.interval=1m",
        "callvault.trusted-proxies=127\\.0\\.0\\.1"})
class AuthThrottleHttpTest extends HttpTestBase {

    @Test
    void guessingIsRefusedWhileValidCredentialsAreServed(CapturedOutput output) {
        String tenant = api.tenant("throttle");
        Api.Credentials client = api.readWriteClient(tenant);
        Address from = new Address("198.51.100.7");
        String calls = "/v1/tenants/" + tenant + "/calls";
        String history = "/general/v1/" + client.sourceUuid() + "/call/history";
        String historyBody = "{\"tenantId\":\"" + tenant + "\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}";
        assertThat(from.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(from.get(calls, "Authorization", "Bearer guess-" + i).status()).isEqualTo(401);
        }

        Api.Response refused = from.get(calls, "Authorization", "Bearer guess-5");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(refused.json().get("detail").asString()).contains("failed authentications");
        Api.Response wellcloud = from.get("/api/operation/tenant/calls/x/recordings2", "Authorization", "guess-6");
        assertThat(wellcloud.status()).isEqualTo(429);
        assertThat(wellcloud.json().get("code").asString()).isEqualTo("429");
        Api.Response comdesign = from.json("POST", history, historyBody, "Authorization", "guess-7");
        assertThat(comdesign.status()).as("Comdesign answers its failures with HTTP 200").isEqualTo(200);
        assertThat(comdesign.header("Retry-After")).isPresent();
        assertThat(comdesign.json().get("errorCode").asString()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(comdesign.json().get("message").asString()).as("Japanese in UTF-8").startsWith("リクエスト回数超過");
        assertThat(from.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId()
                + "&appSecret=wrong&type=tenant", null).status()).isEqualTo(429);

        // the same address, with valid credentials or none, is served as ever
        assertThat(from.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
        assertThat(from.get("/api/operation/tenant/calls/x/recordings2", "Authorization", client.apiKey()).status())
                .isEqualTo(448);
        assertThat(from.json("POST", history, historyBody, "Authorization", client.apiKey()).json().get("status").asString())
                .isEqualTo("complete");
        assertThat(from.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).status()).isEqualTo(200);
        assertThat(from.get("/actuator/health").status()).isEqualTo(200);
        assertThat(output.getAll().split("too many failed authentications from", -1))
                .as("one log line for the episode, not one per refusal").hasSize(2);

        assertThat(new Address("198.51.100.8").get(calls, "Authorization", "Bearer guess-8").status())
                .as("another address has its own allowance").isEqualTo(401);
        clock.advance(Duration.ofMinutes(2));
        assertThat(from.get(calls, "Authorization", "Bearer guess-9").status()).as("the allowance refills").isEqualTo(401);
    }

    /** Requests as a trusted proxy sends them for one client address. */
    private final class Address {
        private final String address;

        Address(String address) {
            this.address = address;
        }

        Api.Response get(String path, String... headers) {
            return send("GET", path, null, headers);
        }

        Api.Response json(String method, String path, String json, String... headers) {
            String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "Content-Type";
            all[headers.length + 1] = "application/json";
            return send(method, path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), all);
        }

        Api.Response send(String method, String path, byte[] body, String... headers) {
            String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
            all[headers.length] = "X-Forwarded-For";
            all[headers.length + 1] = address;
            return api.send(method, path, body, all);
        }
    }

    /** A burst of parallel guesses is counted before any is checked: no more than the allowance get a 401. */
    @Test
    void parallelGuessesCannotSlipPastTheCount() {
        String calls = "/v1/tenants/burst/calls";
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(api.base() + calls))
                    .header("Authorization", "Bearer parallel-guess-" + i).header("X-Forwarded-For", "203.0.113.9").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(95);
    }
}
