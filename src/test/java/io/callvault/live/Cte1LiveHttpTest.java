package io.callvault.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.LiveAudio;
import io.callvault.support.LiveClient;
import io.callvault.support.TestDatabase;
import io.callvault.support.TestS3;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** CT-e1's 音声データ連携 (contract 6.1) over a real WebSocket, against the real server. */
class Cte1LiveHttpTest extends HttpTestBase {

    private static final String AUDIO = "/general/v1/audio_streaming/audio/ws";
    private static final String CONTROL = "/general/v1/audio_streaming/call/ws";

    @Test
    void aCallIsRecordedWhileItHappensSampleForSample() {
        String tenant = api.tenant("cte1");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        byte[] audio = LiveAudio.call(11, 2.0, 2, true);
        try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"2122418_CCP230_1003\",\"sessionId\":\"123456789\","
                    + "\"tenantId\":\"" + tenant + "\",\"groupId\":\"g1\",\"ani\":\"08075082398\",\"dnis\":\"0505369833\","
                    + "\"direction\":0,\"agentId\":\"F99971353\",\"extension\":\"1003\",\"forwardingSource\":\"\","
                    + "\"dtmf\":\"\",\"codec\":\"PCMU\",\"sampleRate\":8000,\"channels\":2}");
            JsonNode started = cte1.nextJson();
            assertThat(started.get("type").asString()).isEqualTo("startRecord");
            assertThat(started.get("status").asString()).isEqualTo("complete");

            // read-your-writes: the recording exists, live, before any audio
            JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/123456789", "Authorization", client.bearer()).json();
            assertThat(call.get("ani").asString()).isEqualTo("08075082398");
            JsonNode recording = call.get("recordings").get(0);
            assertThat(recording.get("state").asString()).isEqualTo("Recording");
            assertThat(recording.get("recordId").asInt()).isEqualTo(1);
            assertThat(recording.get("vendorRecordId").asString()).isEqualTo("2122418_CCP230_1003");
            assertThat(api.get("/api/operation/tenant/calls/123456789/recordings2", "Authorization", client.apiKey())
                    .json().get(0).get("state").asString()).isEqualTo("Recording");
            assertThat(api.json("POST", "/general/v1/" + client.sourceUuid() + "/call/audio_data",
                    "{\"tenantId\":\"" + tenant + "\",\"sessionId\":123456789,\"recordId\":1}",
                    "Authorization", client.apiKey()).json().get("errorCode").asString())
                    .as("the audio of a call in progress is not served yet").isEqualTo("CALL_NOT_COMPLETED");
            assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString() + "/audio",
                    "Authorization", client.bearer()).status()).isEqualTo(409);

            long start = System.nanoTime();
            byte[][] frames = LiveAudio.frames(audio, 16, 20);
            for (int i = 0; i < frames.length; i++) {
                LiveAudio.pace(start, i * 20L);
                cte1.binary(frames[i]);
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"normal\"}");
            assertThat(cte1.closeCode()).isEqualTo(1000);
        }
        JsonNode recording = api.get("/v1/tenants/" + tenant + "/calls/123456789", "Authorization", client.bearer())
                .json().get("recordings").get(0);
        assertThat(recording.get("state").asString()).isEqualTo("Success");
        assertThat(recording.get("channels").asInt()).isEqualTo(2);
        assertThat(recording.get("encoding").asString()).isEqualTo("mulaw");
        assertThat(recording.get("durationMs").asLong()).isEqualTo(2000);
        Api.Response wav = api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString() + "/audio",
                "Authorization", client.bearer());
        assertThat(wav.status()).isEqualTo(200);
        assertThat(wav.body().length).isEqualTo(recording.get("fileSize").asLong());
        assertThat(Arrays.equals(LiveAudio.samples(wav.body()), audio)).as("stored audio is the sent audio").isTrue();
        assertThat(io.callvault.server.Sha256.hex(sha(wav.body()))).isEqualTo(recording.get("sha256").asString());
    }

    @Test
    void eachLegOfACallIsTheNextSegmentAndALegIsRecordedOnce() {
        String tenant = api.tenant("legs");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        for (String leg : new String[] {"leg-a", "leg-b"}) {
            try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", "Bearer " + client.apiKey())) {
                cte1.text(start(leg, "77"));
                assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
                cte1.binary(new byte[3200]);
                cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
                assertThat(cte1.closeCode()).isEqualTo(1000);
            }
        }
        try (LiveClient again = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey())) {
            again.text(start("leg-a", "77"));
            JsonNode refused = again.nextJson();
            assertThat(refused.get("status").asString()).isEqualTo("error");
            assertThat(refused.get("description").asString()).contains("already recorded");
        }
        // a leg cut short may be taken up again: it continues in a new segment
        LiveClient dropped = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey());
        dropped.text(start("leg-c", "77"));
        assertThat(dropped.nextJson().get("status").asString()).isEqualTo("complete");
        dropped.drop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/tenants/" + tenant + "/calls/77",
                "Authorization", client.bearer()).json().get("recordings").get(2).get("state").asString()
                .equals("Interrupted"));
        try (LiveClient again = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey())) {
            again.text(start("leg-c", "77"));
            assertThat(again.nextJson().get("status").asString()).isEqualTo("complete");
        }
        JsonNode recordings = api.get("/v1/tenants/" + tenant + "/calls/77", "Authorization", client.bearer()).json()
                .get("recordings");
        assertThat(recordings).hasSize(4);
        assertThat(recordings.get(3).get("vendorRecordId").asString()).isEqualTo("leg-c");
        assertThat(recordings.get(1).get("recordId").asInt()).isEqualTo(2);
        assertThat(recordings.get(1).get("vendorRecordId").asString()).isEqualTo("leg-b");
        // the server's default format: L16 8 kHz mono; 3200 bytes are 200 ms
        assertThat(recordings.get(0).get("encoding").asString()).isEqualTo("pcm");
        assertThat(recordings.get(0).get("durationMs").asLong()).isEqualTo(200);
    }

    @Test
    void aConnectionLostWithoutDisconnectLeavesAPlayableInterruptedRecording() {
        String tenant = api.tenant("drop");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        byte[] audio = LiveAudio.call(5, 0.5, 1, false);
        LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey());
        cte1.text(start("only", "88"));
        assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
        cte1.binary(audio);
        cte1.drop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Interrupted".equals(api.get(
                "/v1/tenants/" + tenant + "/calls/88", "Authorization", client.bearer()).json().get("recordings").get(0)
                .get("state").asString()));
        JsonNode recording = api.get("/v1/tenants/" + tenant + "/calls/88", "Authorization", client.bearer()).json()
                .get("recordings").get(0);
        byte[] wav = api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString() + "/audio",
                "Authorization", client.bearer()).body();
        assertThat(Arrays.equals(LiveAudio.samples(wav), audio)).isTrue();
    }

    /**
     * The object store is down when a call ends: the recording stays on this node's disk, and is stored (in the
     * state it ended in, whole) once the store takes writes again, without waiting for the server's next start.
     */
    @Test
    void aCallThatEndsWhileTheStoreIsDownIsStoredWhenItIsBack() throws Exception {
        Assumptions.assumeTrue(TestDatabase.s3(), "the S3 run's store is the one a test can take down");
        String tenant = api.tenant("store-down");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        byte[] audio = LiveAudio.call(9, 0.5, 1, false);
        String call = "/v1/tenants/" + tenant + "/calls/77";
        TestS3.refuseWrites(true);
        try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey())) {
            cte1.text(start("down", "77"));
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            cte1.binary(audio);
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            assertThat(cte1.closeCode()).isEqualTo(1000);
            Thread.sleep(2_500); // two retries, refused
            JsonNode waiting = api.get(call, "Authorization", client.bearer()).json().get("recordings").get(0);
            assertThat(waiting.get("state").asString()).as("not stored yet").isEqualTo("Recording");
        } finally {
            TestS3.refuseWrites(false);
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> "Success".equals(api.get(call, "Authorization",
                client.bearer()).json().get("recordings").get(0).get("state").asString()));
        JsonNode recording = api.get(call, "Authorization", client.bearer()).json().get("recordings").get(0);
        byte[] wav = api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString() + "/audio",
                "Authorization", client.bearer()).body();
        assertThat(Arrays.equals(LiveAudio.samples(wav), audio)).as("every sample, in the state the call ended in")
                .isTrue();
    }

    @Test
    void aGapInTheStreamIsStoredAsSilenceOnTheCallsTimeline() {
        String tenant = api.tenant("gap");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        byte[] before = LiveAudio.call(1, 0.4, 1, false);
        byte[] after = LiveAudio.call(2, 0.4, 1, false);
        try (LiveClient cte1 = LiveClient.connect(port, AUDIO, "Authorization", client.apiKey())) {
            cte1.text(start("gap", "99"));
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            long start = System.nanoTime();
            byte[][] first = LiveAudio.frames(before, 16, 20);
            for (int i = 0; i < first.length; i++) {
                LiveAudio.pace(start, i * 20L);
                cte1.binary(first[i]);
            }
            LiveAudio.pace(start, 2400); // two seconds without audio
            byte[][] second = LiveAudio.frames(after, 16, 20);
            for (int i = 0; i < second.length; i++) {
                LiveAudio.pace(start, 2400 + i * 20L);
                cte1.binary(second[i]);
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            cte1.closeCode();
        }
        JsonNode recording = api.get("/v1/tenants/" + tenant + "/calls/99", "Authorization", client.bearer()).json()
                .get("recordings").get(0);
        assertThat(recording.get("durationMs").asLong()).as("the timeline kept the two seconds")
                .isBetween(2600L, 2900L);
        byte[] samples = LiveAudio.samples(api.get("/v1/tenants/" + tenant + "/recordings/"
                + recording.get("id").asString() + "/audio", "Authorization", client.bearer()).body());
        assertThat(Arrays.copyOfRange(samples, 0, before.length)).isEqualTo(before);
        assertThat(Arrays.copyOfRange(samples, samples.length - after.length, samples.length)).isEqualTo(after);
        byte[] gap = Arrays.copyOfRange(samples, before.length, samples.length - after.length);
        assertThat(gap.length).as("about two seconds of silence").isBetween(1900 * 16, 2100 * 16);
        for (byte b : gap) {
            assertThat(b).isZero();
        }
    }

    @Test
    void theControlApiCreatesAndCompletesTheCall() {
        String tenant = api.tenant("control");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        try (LiveClient control = LiveClient.connect(port, CONTROL, "Authorization", client.apiKey())) {
            control.text("{\"type\":\"callStart\",\"sessionId\":4242,\"ani\":\"0311112222\",\"dnis\":\"0120000000\","
                    + "\"direction\":1,\"agentId\":\"A1\",\"connectTime\":\"2026-12-01T10:00:00.000Z\"}");
            assertThat(control.nextText()).isEqualTo("{\"type\":\"callStart\",\"status\":\"complete\"}");
            control.text("{\"type\":\"callEnd\",\"sessionId\":4242,\"disconnectTime\":\"2026-12-01T10:05:00.000Z\"}");
            assertThat(control.nextText()).isEqualTo("{\"type\":\"callEnd\",\"status\":\"complete\"}");
            control.text("{\"type\":\"callEnd\",\"sessionId\":\"x\"}");
            JsonNode refused = control.nextJson();
            assertThat(refused.get("status").asString()).isEqualTo("error");
            assertThat(refused.get("description").asString()).contains("sessionId");
            control.text("{\"type\":\"transfer\",\"sessionId\":4242}");
            assertThat(control.nextJson().get("description").asString()).contains("unknown message type");
            // instants are read by the parser every surface shares: offsets are taken, years outside 1900-9999 are not
            control.text("{\"type\":\"callStart\",\"sessionId\":4343,\"connectTime\":\"2026-12-01T19:00:00+09:00\"}");
            assertThat(control.nextText()).isEqualTo("{\"type\":\"callStart\",\"status\":\"complete\"}");
            control.text("{\"type\":\"callEnd\",\"sessionId\":4343,\"disconnectTime\":\"0001-01-01T00:00:00Z\"}");
            JsonNode ancient = control.nextJson();
            assertThat(ancient.get("status").asString()).isEqualTo("error");
            assertThat(ancient.get("description").asString()).contains("disconnectTime").contains("1900 to 9999");
            control.text("{\"type\":\"callEnd\",\"sessionId\":4343,\"disconnectTime\":\"yesterday\"}");
            assertThat(control.nextJson().get("description").asString()).contains("is not an ISO-8601 instant");
        }
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/4242", "Authorization", client.bearer()).json();
        assertThat(call.get("direction").asString()).isEqualTo("Outbound");
        assertThat(Instant.parse(call.get("disconnectTime").asString())).isEqualTo(Instant.parse("2026-12-01T10:05:00Z"));
        JsonNode offset = api.get("/v1/tenants/" + tenant + "/calls/4343", "Authorization", client.bearer()).json();
        assertThat(Instant.parse(offset.get("connectTime").asString())).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        JsonNode disconnect = offset.get("disconnectTime");
        assertThat(disconnect == null || disconnect.isNull()).as("the refused callEnd changed nothing").isTrue();
    }

    @Test
    void badInputGetsTheProtocolsAnswerAndNothingIsTorn() {
        String tenant = api.tenant("cte1bad");
        Api.Credentials client = api.client(java.util.List.of(tenant), "read", "ingest");
        String key = client.apiKey();
        for (String socket : java.util.List.of(AUDIO, CONTROL)) {
            try (LiveClient c = LiveClient.connect(port, socket, "Authorization", key)) {
                c.text("{not json");
                assertThat(c.closeCode()).as(socket).isEqualTo(1007);
            }
        }
        try (LiveClient c = LiveClient.connect(port, AUDIO, "Authorization", key)) {
            c.binary(new byte[320]);
            assertThat(c.closeCode()).isEqualTo(1008);
        }
        try (LiveClient c = LiveClient.connect(port, AUDIO, "Authorization", key)) {
            c.text("{\"type\":\"hello\"}");
            assertThat(c.nextJson().get("status").asString()).isEqualTo("error");
            c.text(start("big", "5"));
            assertThat(c.nextJson().get("status").asString()).isEqualTo("complete");
            c.binary(new byte[320]);
            c.binary(new byte[64 * 1024 + 2]);
            assertThat(c.closeCode()).isEqualTo(1009);
        }
        try (LiveClient c = LiveClient.connect(port, AUDIO, "Authorization", key)) {
            c.text(start("odd", "5"));
            assertThat(c.nextJson().get("status").asString()).isEqualTo("complete");
            c.binary(new byte[320]);
            c.binary(new byte[321]); // L16: not whole samples
            assertThat(c.closeCode()).isEqualTo(1007);
        }
        try (LiveClient c = LiveClient.connect(port, AUDIO, "Authorization", key)) {
            c.text(start("flood", "6"));
            assertThat(c.nextJson().get("status").asString()).isEqualTo("complete");
            for (int i = 0; i < 5000 && !c.isClosedByServer(); i++) {
                try {
                    c.binary(new byte[2]); // a flood of tiny frames
                } catch (RuntimeException closed) {
                    break;
                }
            }
            assertThat(c.closeCode()).isEqualTo(1008);
            assertThat(c.closeReason()).contains("too often");
        }
        try (LiveClient c = LiveClient.connect(port, AUDIO, "Authorization", key)) {
            c.text("{\"type\":\"startRecord\",\"recordId\":\"r\",\"sessionId\":5,\"codec\":\"opus\"}");
            assertThat(c.nextJson().get("description").asString()).contains("codec");
            c.text("{\"type\":\"startRecord\",\"recordId\":\"r\",\"sessionId\":5,\"tenantId\":\"someone-else\"}");
            assertThat(c.nextJson().get("description").asString()).contains("not permitted");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/tenants/" + tenant + "/calls/5",
                "Authorization", client.bearer()).json().get("recordings").findValues("state").stream()
                .noneMatch(state -> state.asString().equals("Recording")));
        JsonNode recordings = api.get("/v1/tenants/" + tenant + "/calls/5", "Authorization", client.bearer()).json()
                .get("recordings");
        assertThat(recordings).hasSize(2);
        for (JsonNode recording : recordings) {
            assertThat(recording.get("state").asString()).isEqualTo("Interrupted");
            assertThat(recording.get("durationMs").asLong()).isEqualTo(20);
        }

        assertThat(LiveClient.refusal(port, AUDIO)).isEqualTo(401);
        assertThat(LiveClient.refusal(port, AUDIO, "Authorization", "cvk_wrong")).isEqualTo(401);
        Api.Credentials reader = api.client(java.util.List.of(tenant), "read");
        assertThat(LiveClient.refusal(port, AUDIO, "Authorization", reader.apiKey())).isEqualTo(403);
        assertThat(LiveClient.refusal(port, AUDIO + "?tenant=" + api.tenant("other"), "Authorization", key))
                .isEqualTo(403);
    }

    private static String start(String recordId, String sessionId) {
        return "{\"type\":\"startRecord\",\"recordId\":\"" + recordId + "\",\"sessionId\":" + sessionId
                + ",\"ani\":\"0311112222\",\"dnis\":\"0120000000\",\"direction\":0}";
    }

    private static java.security.MessageDigest sha(byte[] bytes) {
        java.security.MessageDigest digest = io.callvault.server.Sha256.digest();
        digest.update(bytes);
        return digest;
    }
}
