package io.callvault.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.LiveAudio;
import io.callvault.support.LiveClient;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Twilio Media Streams (contract 6.3) as Twilio sends them, against the real server. */
class TwilioLiveHttpTest extends HttpTestBase {

    private static final String PATH = "/v1/live/twilio";
    private static final String CALL = "CA5f3c8e0d9b2a41c6a7e1f0b3c4d5e6f7";

    @Test
    void bothTracksBecomeOneStereoRecordingAlignedByTimestamp() {
        String tenant = api.tenant("twilio");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        byte[] caller = LiveAudio.call(21, 1.6, 1, true);
        byte[] agent = LiveAudio.call(22, 1.5, 1, true);
        try (LiveClient twilio = LiveClient.connect(port, PATH + "?key=" + client.apiKey())) {
            Sequence seq = new Sequence(twilio);
            twilio.text("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
            seq.send("start", "\"start\":{\"accountSid\":\"AC1\",\"streamSid\":\"MZ1\",\"callSid\":\"" + CALL + "\","
                    + "\"tracks\":[\"inbound\",\"outbound\"],\"customParameters\":{\"From\":\"+15550001111\",\"To\":\"+15550002222\"},"
                    + "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}");
            byte[][] in = LiveAudio.frames(caller, 8, 20);
            byte[][] out = LiveAudio.frames(agent, 8, 20);
            long start = System.nanoTime();
            for (int i = 0; i < in.length; i++) {
                LiveAudio.pace(start, i * 20L);
                seq.media("inbound", i + 1, i * 20L, in[i]);
                if (i >= 5) { // the agent's track starts 100 ms into the stream
                    seq.media("outbound", i - 4, i * 20L, out[i - 5]);
                }
            }
            seq.send("stop", "\"stop\":{\"accountSid\":\"AC1\",\"callSid\":\"" + CALL + "\"}");
            assertThat(twilio.closeCode()).isEqualTo(1000);
        }
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/" + CALL, "Authorization", client.bearer()).json();
        assertThat(call.get("ani").asString()).isEqualTo("+15550001111");
        JsonNode recording = call.get("recordings").get(0);
        assertThat(recording.get("state").asString()).isEqualTo("Success");
        assertThat(recording.get("channels").asInt()).isEqualTo(2);
        assertThat(recording.get("vendorRecordId").asString()).isEqualTo("MZ1");
        byte[] samples = LiveAudio.samples(api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString()
                + "/audio", "Authorization", client.bearer()).body());
        byte[] expected = new byte[caller.length * 2];
        for (int i = 0; i < caller.length; i++) {
            expected[2 * i] = caller[i];
            int agentIndex = i - 800;
            expected[2 * i + 1] = agentIndex >= 0 && agentIndex < agent.length ? agent[agentIndex] : (byte) 0xFF;
        }
        assertThat(Arrays.equals(samples, expected)).as("caller on channel 1, agent on channel 2, aligned").isTrue();
    }

    @Test
    void oneTrackIsAMonoRecordingAndABearerHeaderAuthenticates() {
        String tenant = api.tenant("twiliomono");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        byte[] caller = LiveAudio.call(23, 0.4, 1, true);
        try (LiveClient twilio = LiveClient.connect(port, PATH, "Authorization", "Bearer " + client.apiKey())) {
            Sequence seq = new Sequence(twilio);
            seq.send("start", startOf("MZ2", "[\"inbound\"]"));
            byte[][] in = LiveAudio.frames(caller, 8, 20);
            for (int i = 0; i < in.length; i++) {
                seq.media("inbound", i + 1, i * 20L, in[i]);
            }
            seq.send("stop", "\"stop\":{}");
            assertThat(twilio.closeCode()).isEqualTo(1000);
        }
        JsonNode recording = api.get("/v1/tenants/" + tenant + "/calls/" + CALL, "Authorization", client.bearer()).json()
                .get("recordings").get(0);
        assertThat(recording.get("channels").asInt()).isEqualTo(1);
        byte[] samples = LiveAudio.samples(api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString()
                + "/audio", "Authorization", client.bearer()).body());
        assertThat(samples).isEqualTo(caller);
    }

    @Test
    void badInputClosesWithTheRightCode() {
        String tenant = api.tenant("twiliobad");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        String path = PATH + "?key=" + client.apiKey();
        try (LiveClient twilio = LiveClient.connect(port, path)) {
            twilio.text("[oops");
            assertThat(twilio.closeCode()).isEqualTo(1007);
        }
        try (LiveClient twilio = LiveClient.connect(port, path)) {
            Sequence seq = new Sequence(twilio);
            seq.media("inbound", 1, 0, new byte[160]);
            assertThat(twilio.closeCode()).isEqualTo(1008);
        }
        assertThat(closeAfterStart(path, "MZ3", seq -> {
            seq.media("inbound", 1, 0, new byte[160]);
            seq.skip();
            seq.media("inbound", 2, 20, new byte[160]);
        })).as("a sequence number skipped").isEqualTo(1002);
        assertThat(closeAfterStart(path, "MZ4", seq -> seq.send("transcription", "\"x\":1"))).isEqualTo(1003);
        assertThat(closeAfterStart(path, "MZ5", seq -> seq.send("media",
                "\"media\":{\"track\":\"inbound\",\"chunk\":\"1\",\"timestamp\":\"0\",\"payload\":\"%%%\"}")))
                .isEqualTo(1007);
        assertThat(closeAfterStart(path, "MZ6", seq -> seq.send("stop", "\"stop\":{}"))).isEqualTo(1000);
        assertThat(closeAfterStart(path, "MZ6", seq -> { })).as("a stream already recorded").isEqualTo(1008);
        assertThat(LiveClient.refusal(port, PATH + "?key=cvk_nope")).isEqualTo(401);
        assertThat(LiveClient.refusal(port, PATH)).isEqualTo(401);
        assertThat(LiveClient.refusal(port, PATH + "?key=%ff")).as("a query string that is not UTF-8").isEqualTo(400);
    }

    /** Starts an inbound-only stream, goes on as the case says, and answers the code the server closed with. */
    private int closeAfterStart(String path, String streamSid, java.util.function.Consumer<Sequence> then) {
        try (LiveClient twilio = LiveClient.connect(port, path)) {
            Sequence seq = new Sequence(twilio);
            seq.send("start", startOf(streamSid, "[\"inbound\"]"));
            then.accept(seq);
            return twilio.closeCode();
        }
    }

    private static String startOf(String streamSid, String tracks) {
        return "\"start\":{\"accountSid\":\"AC1\",\"streamSid\":\"" + streamSid + "\",\"callSid\":\"" + CALL
                + "\",\"tracks\":" + tracks + ",\"customParameters\":{},"
                + "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}";
    }

    /** Twilio's numbering: every message after connected carries the next sequenceNumber. */
    private static final class Sequence {
        private final LiveClient client;
        private int next = 1;

        Sequence(LiveClient client) {
            this.client = client;
        }

        void send(String event, String body) {
            client.text("{\"event\":\"" + event + "\",\"sequenceNumber\":\"" + next++ + "\"," + body
                    + ",\"streamSid\":\"MZ\"}");
        }

        void media(String track, int chunk, long timestamp, byte[] payload) {
            send("media", "\"media\":{\"track\":\"" + track + "\",\"chunk\":\"" + chunk + "\",\"timestamp\":\""
                    + timestamp + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(payload) + "\"}");
        }

        void skip() {
            next++;
        }
    }
}
