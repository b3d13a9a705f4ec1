package io.callvault.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.LiveAudio;
import io.callvault.support.LiveClient;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Listening live (contract 6.4) to a call captured over CT-e1, against the real server. */
class LiveListenHttpTest extends HttpTestBase {

    private static final String AUDIO = "/general/v1/audio_streaming/audio/ws";

    @Test
    void aSupervisorHearsTheCallFromTheStartOrFromTheLiveEdge() {
        String tenant = api.tenant("listen");
        Api.Credentials platform = api.client(List.of(tenant), "ingest");
        Api.Credentials supervisor = api.client(List.of(tenant), "read");
        byte[] audio = LiveAudio.call(41, 1.6, 1, false);
        byte[][] frames = LiveAudio.frames(audio, 16, 20);
        String live = "/v1/tenants/" + tenant + "/calls/555/live";
        LiveClient fromStart;
        LiveClient fromEdge;
        int joinedAt = 40;
        try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", platform.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":555}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            long start = System.nanoTime();
            fromStart = null;
            fromEdge = null;
            for (int i = 0; i < frames.length; i++) {
                LiveAudio.pace(start, i * 20L);
                if (i == joinedAt) {
                    fromStart = LiveClient.connect(port, live + "?from=start", "Authorization", supervisor.bearer());
                    fromEdge = LiveClient.connect(port, live, "Authorization", supervisor.bearer());
                    JsonNode header = fromStart.nextJson();
                    assertThat(header.get("codec").asString()).isEqualTo("L16");
                    assertThat(header.get("sampleRate").asInt()).isEqualTo(8000);
                    assertThat(header.get("channels").asInt()).isEqualTo(1);
                    assertThat(header.get("position").asLong()).isZero();
                    assertThat(fromEdge.nextJson().get("position").asLong()).isBetween(600L, 800L);
                }
                cte1.binary(frames[i]);
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            cte1.closeCode();
        }
        for (LiveClient listener : new LiveClient[] {fromStart, fromEdge}) {
            JsonNode end = listener.nextJson();
            assertThat(end.get("type").asString()).isEqualTo("end");
            assertThat(end.get("state").asString()).isEqualTo("Success");
            assertThat(listener.closeCode()).isEqualTo(1000);
        }
        assertThat(Arrays.equals(fromStart.receivedBinary(), audio)).as("everything, from the start").isTrue();
        byte[] edge = fromEdge.receivedBinary();
        assertThat(edge.length).isBetween(audio.length - 820 * 16, audio.length - 600 * 16);
        assertThat(Arrays.equals(edge, Arrays.copyOfRange(audio, audio.length - edge.length, audio.length)))
                .as("from the live edge on, every byte").isTrue();
        assertThat(audited().sql("select count(*) from access_log where tenant_id = ? and kind = 'live' and call_id = '555'"
                + " and client_id = ?").params(tenant, supervisor.clientId()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void onlyReadersOfTheTenantListenAndOnlyToACallInProgress() {
        String tenant = api.tenant("listenauth");
        Api.Credentials platform = api.client(List.of(tenant), "ingest", "read");
        String live = "/v1/tenants/" + tenant + "/calls/556/live";
        assertThat(LiveClient.refusal(port, live, "Authorization", platform.bearer())).as("no call in progress")
                .isEqualTo(404);
        try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", platform.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":556}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            cte1.binary(new byte[3200]);
            assertThat(LiveClient.refusal(port, live)).isEqualTo(401);
            assertThat(LiveClient.refusal(port, live, "Authorization", "cvk_wrong")).isEqualTo(401);
            Api.Credentials writer = api.client(List.of(tenant), "ingest");
            assertThat(LiveClient.refusal(port, live, "Authorization", writer.bearer())).as("no read scope").isEqualTo(403);
            Api.Credentials stranger = api.client(List.of(api.tenant("stranger")), "read");
            assertThat(LiveClient.refusal(port, live, "Authorization", stranger.bearer())).as("another tenant's call")
                    .isEqualTo(404);

            String recording = api.get("/v1/tenants/" + tenant + "/calls/556", "Authorization", platform.bearer()).json()
                    .get("recordings").get(0).get("id").asString();
            String url = api.json("POST", "/v1/tenants/" + tenant + "/recordings/" + recording + "/playback-url", "{}",
                    "Authorization", platform.bearer()).json().get("url").asString();
            String query = url.substring(url.indexOf('?') + 1);
            try (LiveClient signed = LiveClient.connect(port, live + "?recording=" + recording + "&" + query)) {
                assertThat(signed.nextJson().get("recordingId").asString()).isEqualTo(recording);
            }
            assertThat(LiveClient.refusal(port, live + "?recording=" + recording + "&" + query.replace("sig=", "sig=x")))
                    .isEqualTo(401);
            assertThat(LiveClient.refusal(port, live + "?recording=%ff", "Authorization", platform.bearer()))
                    .as("a query string that is not UTF-8").isEqualTo(400);
        }
    }

    @Test
    void aCallCapturedByAnotherNodeIsAConflictNotAnUnknownCall() {
        String tenant = api.tenant("othernode");
        Api.Credentials client = api.client(List.of(tenant), "ingest", "read");
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/558", "{}", "Authorization", client.bearer());
        // a session another node is capturing: its row, and no session here
        jdbc.sql("insert into recordings (id, tenant_id, call_id, record_id, state, store, file_size, duration_ms,"
                + " data_offset, data_length, created_at) values (?, ?, '558', 1, 'Recording', 'filesystem', 58, 0, 58,"
                + " 0, current_timestamp)").params(java.util.UUID.randomUUID().toString(), tenant).update();
        assertThat(LiveClient.refusal(port, "/v1/tenants/" + tenant + "/calls/558/live", "Authorization",
                client.bearer())).isEqualTo(409);
    }

    @Test
    void aListenerThatCannotKeepUpIsDroppedAndCaptureGoesOn() {
        String tenant = api.tenant("slow");
        Api.Credentials client = api.client(List.of(tenant), "ingest", "read");
        double droppedBefore = dropped();
        byte[] frame = new byte[64 * 1000];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 31);
        }
        int frames = 400; // 25.6 MB: far more than the socket buffers and the listener's five seconds hold
        try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":557,\"codec\":\"L16\","
                    + "\"sampleRate\":48000,\"channels\":2}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            try (LiveClient stalled = LiveClient.connectStalled(port, "/v1/tenants/" + tenant + "/calls/557/live",
                    "Authorization", client.bearer())) {
                stalled.nextJson();
                for (int i = 0; i < frames; i++) {
                    cte1.binary(frame);
                }
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> dropped() > droppedBefore);
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            assertThat(cte1.closeCode()).isEqualTo(1000);
        }
        JsonNode recording = api.get("/v1/tenants/" + tenant + "/calls/557", "Authorization", client.bearer()).json()
                .get("recordings").get(0);
        assertThat(recording.get("state").asString()).isEqualTo("Success");
        assertThat(recording.get("fileSize").asLong() - 44).as("every frame captured").isEqualTo((long) frames * frame.length);
    }

    private double dropped() {
        JsonNode metric = api.get("/actuator/metrics/callvault.live.listeners.dropped", "Authorization",
                "Bearer " + METRICS_TOKEN).json();
        return metric.get("measurements").get(0).get("value").asDouble();
    }
}
