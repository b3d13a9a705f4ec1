package io.callvault.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.LiveClient;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Live sessions over time, with short intervals: a recording grows while audio arrives; a session that goes silent
 * without a close is ended as Interrupted (contract 6: 60 s; 2 s here).
 */
@TestPropertySource(properties = {"callvault.live.idle-timeout=2s", "callvault.live.progress-interval=300ms"})
@DirtiesContext // its own server: closed after the class, so that its database connections go back
class LiveIdleHttpTest extends HttpTestBase {

    @Test
    void aSilentConnectionIsCutOffAndItsRecordingKept() {
        String tenant = api.tenant("idle");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        try (LiveClient cte1 = LiveClient.connect(port, "/general/v1/audio_streaming/audio/ws", "Authorization",
                client.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":61}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            cte1.binary(new byte[1600]);
            assertThat(cte1.closeCode()).isEqualTo(1001);
            assertThat(cte1.closeReason()).contains("nothing received");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Interrupted".equals(api.get("/v1/tenants/"
                + tenant + "/calls/61", "Authorization", client.bearer()).json().get("recordings").get(0).get("state")
                .asString()));
        JsonNode recording = api.get("/v1/tenants/" + tenant + "/calls/61", "Authorization", client.bearer()).json()
                .get("recordings").get(0);
        assertThat(recording.get("durationMs").asLong()).isEqualTo(100);
    }

    @Test
    void aLiveRecordingGrowsWhileAudioArrives() {
        String tenant = api.tenant("grow");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        try (LiveClient cte1 = LiveClient.connect(port, "/general/v1/audio_streaming/audio/ws", "Authorization",
                client.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":62}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            long[] seen = new long[2];
            for (int second = 0; second < 2; second++) {
                for (int i = 0; i < 50; i++) {
                    cte1.binary(new byte[320]);
                }
                long duration = 1000L * (second + 1);
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> recordingOf(tenant, client, 62)
                        .get("durationMs").asLong() == duration);
                JsonNode live = recordingOf(tenant, client, 62);
                assertThat(live.get("state").asString()).isEqualTo("Recording");
                seen[second] = live.get("fileSize").asLong();
            }
            assertThat(seen[1] - seen[0]).as("a second of L16 more").isEqualTo(16000);
            cte1.text("{\"type\":\"disconnect\"}");
            cte1.closeCode();
        }
        assertThat(recordingOf(tenant, client, 62).get("state").asString()).isEqualTo("Success");
    }

    private JsonNode recordingOf(String tenant, Api.Credentials client, int call) {
        return api.get("/v1/tenants/" + tenant + "/calls/" + call, "Authorization", client.bearer()).json()
                .get("recordings").get(0);
    }

    /**
     * A supervisor listening to a call on hold for longer than a connection may idle (2 s + 5 s here, looked at by
     * Tomcat every 10 s): the platform sends only pings meanwhile, the listener nothing. The listener is pinged, stays
     * and hears the call go on.
     */
    @Test
    void aListenerStaysThroughAHoldLongerThanTheIdleTimeout() throws InterruptedException {
        String tenant = api.tenant("hold");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        String conversation = UUID.randomUUID().toString();
        try (AudioHookClient genesys = AudioHookClient.connect(port, client.apiKey())) {
            genesys.open(conversation, "[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\","
                    + "\"internal\"],\"rate\":8000}]");
            assertThat(genesys.receive().get("type").asString()).isEqualTo("opened");
            try (LiveClient listener = LiveClient.connect(port, "/v1/tenants/" + tenant + "/calls/" + conversation
                    + "/live", "Authorization", client.bearer())) {
                assertThat(listener.nextJson().get("codec").asString()).isEqualTo("PCMU"); // it hears from here on
                genesys.audio(new byte[320], 16);
                genesys.send("paused", "{}");
                long holdStart = System.nanoTime();
                while (System.nanoTime() - holdStart < Duration.ofSeconds(18).toNanos()) {
                    genesys.send("ping", "{}");
                    assertThat(genesys.receive().get("type").asString()).isEqualTo("pong");
                    Thread.sleep(1000);
                }
                assertThat(listener.isClosedByServer()).as("still listening after the hold").isFalse();
                assertThat(listener.pings()).isGreaterThanOrEqualTo(10);
                long held = Duration.ofNanos(System.nanoTime() - holdStart).toMillis();
                long resumedAt = genesys.positionMs;
                genesys.positionMs += held;
                genesys.send("resumed", "{\"start\":\"" + AudioHookClient.duration(resumedAt) + "\",\"discarded\":\""
                        + AudioHookClient.duration(held) + "\"}");
                genesys.audio(new byte[320], 16);
                genesys.send("close", "{\"reason\":\"end\"}");
                assertThat(genesys.receive().get("type").asString()).isEqualTo("closed");
                assertThat(listener.nextJson().get("state").asString()).isEqualTo("Success");
                assertThat(listener.closeCode()).isEqualTo(1000);
                assertThat(listener.receivedBinary().length).as("the audio, the hold's silence and the audio after it")
                        .isEqualTo(16 * (20 + held + 20));
            }
        }
    }

    @Test
    void aConnectionThatNeverSpeaksIsClosed() {
        String tenant = api.tenant("mute");
        Api.Credentials client = api.client(List.of(tenant), "ingest");
        try (LiveClient mute = LiveClient.connect(port, "/v1/live/twilio?key=" + client.apiKey())) {
            // Tomcat looks for idle connections every 10 s: idle timeout + 5 s + at most 10 s
            assertThat(mute.closeCodeWithin(Duration.ofSeconds(25))).isEqualTo(1001);
        }
    }
}
