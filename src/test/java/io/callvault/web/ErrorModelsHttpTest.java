package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Every failure on a surface's paths is answered in that surface's own model, whether a controller, a filter or the
 * framework found it: wrong method, unknown path, body too large, unreadable or multipart bodies, missing keys.
 */
class ErrorModelsHttpTest extends HttpTestBase {

    private static final String MULTIPART = "multipart/form-data; boundary=xyz";
    private static final byte[] MULTIPART_BODY = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private String tenant;
    private Api.Credentials client;

    @BeforeEach
    void data() {
        tenant = api.tenant("errors");
        client = api.readWriteClient(tenant);
    }

    @Test
    void theNativeApiAnswersProblemDetails() throws Exception {
        String calls = "/v1/tenants/" + tenant + "/calls";
        assertProblem(api.send("DELETE", calls, null, "Authorization", client.bearer()), 405);
        assertProblem(api.get("/v1/tenants/" + tenant + "/no-such-thing", "Authorization", client.bearer()), 404);
        assertProblem(api.announce("PUT", calls + "/c1", 2_000_000, "Authorization", client.bearer(),
                "Content-Type", "application/json"), 413);
        assertProblem(api.send("PUT", calls + "/c1", "ani=1".getBytes(StandardCharsets.US_ASCII),
                "Authorization", client.bearer(), "Content-Type", "text/plain"), 415);
        assertProblem(api.send("PUT", calls + "/c1", MULTIPART_BODY, "Authorization", client.bearer(),
                "Content-Type", MULTIPART), 415);
        Api.Response unauthorized = api.get(calls);
        assertProblem(unauthorized, 401);
        assertThat(unauthorized.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(api.send("POST", "/v1/admin/tenants", MULTIPART_BODY, "Content-Type", MULTIPART), 401);
        // a URL the security firewall refuses (a path parameter) is a bad request in this surface's model too
        assertProblem(api.get(calls + "/c1;jsessionid=x", "Authorization", client.bearer()), 400);
    }

    @Test
    void wellcloudAnswersItsCodeAndMessage() throws Exception {
        assertWellcloud(api.send("DELETE", "/api/operation/tenant/calls/c1/recordings2", null,
                "Authorization", client.apiKey()), 405);
        assertWellcloud(api.get("/api/operation/tenant/nothing-here", "Authorization", client.apiKey()), 404);
        assertWellcloud(api.announce("POST", "/api/operation/operation/apply/token?appId=x&appSecret=y&type=tenant",
                2_000_000, "Content-Type", "application/octet-stream"), 413);
        Api.Response unauthorized = api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization", "not-a-token");
        assertWellcloud(unauthorized, 401);
        assertWellcloud(api.get("/api/operation/tenant/calls/c1;x=y/recordings2", "Authorization", client.apiKey()), 400);
        assertThat(unauthorized.header("WWW-Authenticate")).isPresent();
        Api.Response multipart = api.send("POST", "/api/operation/operation/apply/token?appId=x&appSecret=y&type=tenant",
                MULTIPART_BODY, "Content-Type", MULTIPART);
        assertWellcloud(multipart, 425);
    }

    @Test
    void comdesignAnswersHttp200WithItsErrorCode() {
        String base = "/general/v1/" + client.sourceUuid() + "/call/";
        String key = client.apiKey();
        assertComdesign(api.send("GET", base + "history", null, "Authorization", key), "INVALID_PARAMETER");
        assertComdesign(api.json("POST", base + "no_such_api", "{}", "Authorization", key), "INVALID_PARAMETER");
        assertComdesign(api.json("POST", base + "history", "{\"tenantId\":\"" + "x".repeat(70_000) + "\"}",
                "Authorization", key), "INVALID_PARAMETER");
        assertComdesign(api.send("POST", base + "history", MULTIPART_BODY, "Authorization", key, "Content-Type", MULTIPART),
                "MISSING_PARAMETER");
        Api.Response unauthorized = api.send("POST", base + "history", MULTIPART_BODY, "Content-Type", MULTIPART);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("WWW-Authenticate")).isPresent();
        assertThat(unauthorized.json().get("errorCode").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void noSurfaceAnswersAMultipartRequestWith5xx() {
        for (String path : List.of("/v1/tenants/" + tenant + "/calls/c1", "/v1/tenants/" + tenant + "/calls/c1/recordings/1",
                "/v1/admin/clients", "/api/operation/tenant/calls/c1/recordings2", "/general/v1/x/call/status",
                "/actuator/health", "/nothing")) {
            for (String method : List.of("POST", "PUT")) {
                for (String[] auth : List.of(new String[0], new String[] {"Authorization", client.bearer()})) {
                    String[] headers = new String[auth.length + 2];
                    System.arraycopy(auth, 0, headers, 0, auth.length);
                    headers[auth.length] = "Content-Type";
                    headers[auth.length + 1] = MULTIPART;
                    assertThat(api.send(method, path, MULTIPART_BODY, headers).status()).as(method + " " + path)
                            .isLessThan(500);
                }
            }
        }
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isEqualTo("about:blank");
        assertThat(problem.get("detail").asString()).isNotBlank().doesNotContain("io.callvault").doesNotContain("Exception");
    }

    private static void assertWellcloud(Api.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.json().get("code").asString()).isEqualTo(String.valueOf(status));
        assertThat(r.json().get("message").asString()).isNotBlank();
    }

    private static void assertComdesign(Api.Response r, String errorCode) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(r.json().get("status").asString()).isEqualTo("error");
        assertThat(r.json().get("errorCode").asString()).isEqualTo(errorCode);
    }
}
