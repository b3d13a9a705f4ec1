package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Traversal attempts, over-long ids, absurd headers: each gets a clear 4xx, and the server stays healthy. */
class HostileInputHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;
    private String recording;

    @BeforeEach
    void data() {
        tenant = api.tenant("hostile");
        client = api.readWriteClient(tenant);
        recording = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
    }

    /** Raw request lines, so that no client library normalises the paths first. */
    private int rawStatus(String method, String target, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + client.bearer() + "\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** A Content-Type or Accept that Spring 7.0.8's parser threw on ("a/b, spring-framework#36971) is a 4xx, not a 500. */
    @Test
    void aContentTypeSpringCannotParseIsRefusedInEachSurfacesModel() {
        String broken = "\"a/b";
        String playback = "/v1/tenants/" + tenant + "/recordings/" + recording + "/playback-url";
        Api.Response nativeSurface = post(playback, broken, "Authorization", client.bearer());
        assertThat(nativeSurface.status()).as(nativeSurface.text()).isEqualTo(415);
        assertThat(nativeSurface.text()).contains("Content-Type");
        // Wellcloud's one POST reads no body, so its Content-Type is not looked at, as on any endpoint without one
        Api.Response wellcloud = post("/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", broken);
        assertThat(wellcloud.status()).as(wellcloud.text()).isEqualTo(200);
        Api.Response comdesign = post("/general/v1/" + client.sourceUuid() + "/call/audio_data", broken,
                "Authorization", client.apiKey());
        assertThat(comdesign.status()).as("Comdesign answers its failures with HTTP 200").isEqualTo(200);
        assertThat(comdesign.json().get("status").asString()).isEqualTo("error");
        // a type Spring refuses in its own way, or one it takes, is left to the endpoint as before
        assertThat(post(playback, "a\"/b", "Authorization", client.bearer()).status()).isEqualTo(415);
        assertThat(post(playback, "application/json", "Authorization", client.bearer()).status()).isEqualTo(201);

        // the same parser reads Accept: 406, as Spring answers an Accept it cannot read
        Api.Response accept = api.get("/v1/tenants/" + tenant + "/calls/c1", "Authorization", client.bearer(),
                "Accept", broken);
        assertThat(accept.status()).as(accept.text()).isEqualTo(406);
        Api.Response wellcloudAccept = api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization",
                wellcloud.json().get("token").asString(), "Accept", broken);
        assertThat(wellcloudAccept.status()).as(wellcloudAccept.text()).isEqualTo(406);
        assertThat(wellcloudAccept.json().get("code").asString()).isEqualTo("406");
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/c1", "Authorization", client.bearer(), "Accept",
                "application/json, */*;q=0.5").status()).isEqualTo(200);
    }

    private Api.Response post(String path, String contentType, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = contentType;
        return api.send("POST", path, "{}".getBytes(StandardCharsets.UTF_8), all);
    }

    @Test
    void traversalAndMalformedIdsAreClientErrors() throws Exception {
        List<String> targets = List.of(
                "/v1/tenants/" + tenant + "/recordings/..%2F..%2F..%2Fetc%2Fpasswd/audio",
                "/v1/tenants/" + tenant + "/recordings/../../../etc/passwd/audio",
                "/v1/tenants/..%2F" + tenant + "/calls",
                "/v1/tenants/" + tenant + "/calls/..",
                "/v1/tenants/" + tenant + "/calls/%2e%2e",
                "/v1/tenants/" + tenant + "/calls/%00",
                "/v1/tenants/" + tenant + "/calls/a%0d%0ab",
                "/v1/tenants/" + tenant + "/calls/" + "x".repeat(5000),
                "/v1/tenants/" + tenant + "/recordings/" + "9".repeat(300) + "/audio",
                "/api/operation/tenant/recording/..%2F..%2Faudio/stream2",
                "/api/operation/tenant/recording/%252e%252e/stream2",
                "/api/operation/tenant/calls/" + "y".repeat(2000) + "/recordings2",
                "/api/operation/tenant/calls/c1/recording/stream?download=%ff",
                "/v1/tenants/" + tenant + "/calls?limit=-1",
                "/v1/tenants/" + tenant + "/calls?cursor=" + "A".repeat(3000));
        for (String target : targets) {
            int status = rawStatus("GET", target);
            assertThat(status).as(target).isBetween(400, 499);
        }
        assertThat(rawStatus("GET", "/v1/tenants/" + tenant + "/recordings/" + recording + "/audio",
                "Range: bytes=" + "9".repeat(500) + "-")).isEqualTo(416);
        assertThat(rawStatus("GET", "/v1/tenants/" + tenant + "/recordings/" + recording + "/audio",
                "Range: bytes=0-1," + "2-3,".repeat(1000) + "4-5")).isEqualTo(200);
        assertThat(rawStatus("GET", "/v1/tenants/" + tenant + "/recordings/" + recording + "/audio",
                "X-Big: " + "z".repeat(20_000))).isBetween(400, 499);
        assertThat(rawStatus("PUT", "/v1/tenants/" + tenant + "/calls/c1/recordings/1",
                "Content-Length: 5000000000000000000000")).isBetween(400, 499);
        Api.Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + recording + "/audio", "Authorization", client.bearer())
                .status()).isEqualTo(200);
    }

    /** PostgreSQL cannot store a NUL or an instant beyond its range; H2 could, then fail to print it: both are 400s. */
    @Test
    void textAndInstantsNoDatabaseCanHoldAreRefusedUpFront() {
        String call = "/v1/tenants/" + tenant + "/calls/c2";
        for (String body : List.of("{\"ani\":\"03\\u0000 11\"}", "{\"agentName\":\"\\u0000\"}",
                "{\"connectTime\":\"+999999999-12-31T23:59:59Z\"}", "{\"disconnectTime\":\"-999999999-01-01T00:00:00Z\"}",
                "{\"connectTime\":\"0001-01-01T00:00:00Z\"}", "{\"connectTime\":\"+10000-01-01T00:00:00Z\"}")) {
            Api.Response r = api.json("PUT", call, body, "Authorization", client.bearer());
            assertThat(r.status()).as(body + " → " + r.text()).isEqualTo(400);
        }
        assertThat(api.get("/v1/tenants/" + tenant + "/calls?ani=03%00", "Authorization", client.bearer()).status())
                .isEqualTo(400);
        assertThat(api.putRecording(client, tenant, "c1", 2, TestAudio.pcm16(8000, 1, 80), "deviceId=a%00b").status())
                .isEqualTo(400);
        assertThat(api.putRecording(client, tenant, "c1", 2, TestAudio.pcm16(8000, 1, 80),
                "startTime=%2B999999999-12-31T23:59:59Z").status()).isEqualTo(400);
        String session = "/general/v1/" + client.sourceUuid() + "/call/status";
        Api.Response comdesign = api.json("POST", session, "{\"tenantId\":\"" + tenant + "\",\"sessionId\":5,"
                + "\"status\":\"connected\",\"ani\":\"a\\u0000\"}", "Authorization", client.apiKey());
        assertThat(comdesign.json().get("errorCode").asString()).isEqualTo("INVALID_PARAMETER");
        comdesign = api.json("POST", session, "{\"tenantId\":\"" + tenant + "\",\"sessionId\":5,"
                + "\"status\":\"connected\",\"connectTime\":\"+999999999-12-31T23:59:59Z\"}", "Authorization", client.apiKey());
        assertThat(comdesign.json().get("errorCode").asString()).isEqualTo("INVALID_PARAMETER");
        // the call the refused requests named still reads, through every surface
        assertThat(api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization", client.apiKey()).status())
                .isEqualTo(200);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls?limit=5", "Authorization", client.bearer()).status())
                .isEqualTo(200);
    }
}
