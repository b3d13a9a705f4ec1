package io.callvault.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.LiveAudio;
import io.callvault.support.LiveClient;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Genesys AudioHook v2 (contract 6.2), spoken as Genesys's client speaks it, against the real server. */
class AudioHookLiveHttpTest extends HttpTestBase {

    private static final String STEREO_AND_MONO = "[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\","
            + "\"internal\"],\"rate\":8000},{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\"],"
            + "\"rate\":8000},{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"internal\"],\"rate\":8000}]";

    @Test
    void aConversationIsRecordedWithPausesAndDiscardedAudioAsSilence() {
        String tenant = api.tenant("audiohook");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        String conversation = UUID.randomUUID().toString();
        byte[] audio = LiveAudio.call(31, 1.8, 2, true);
        byte[][] frames = LiveAudio.frames(audio, 16, 20);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (AudioHookClient genesys = AudioHookClient.connect(port, client.apiKey())) {
            genesys.open(conversation, STEREO_AND_MONO);
            JsonNode opened = genesys.receive();
            assertThat(opened.get("version").asString()).isEqualTo("2");
            assertThat(opened.get("type").asString()).isEqualTo("opened");
            assertThat(opened.get("seq").asLong()).isEqualTo(1);
            assertThat(opened.get("clientseq").asLong()).isEqualTo(1);
            assertThat(opened.get("id").asString()).isEqualTo(genesys.id());
            assertThat(opened.get("parameters").get("media").get(0).get("channels").size())
                    .as("stereo chosen: customer and agent").isEqualTo(2);

            genesys.send("ping", "{}");
            JsonNode pong = genesys.receive();
            assertThat(pong.get("type").asString()).isEqualTo("pong");
            assertThat(pong.get("clientseq").asLong()).isEqualTo(genesys.seq());

            long start = System.nanoTime();
            for (int i = 0; i < frames.length; i++) {
                LiveAudio.pace(start, i * 20L);
                if (i == 30) { // on hold for half a second
                    genesys.send("paused", "{}");
                    long at = genesys.positionMs;
                    genesys.positionMs += 500;
                    genesys.send("resumed", "{\"start\":\"" + AudioHookClient.duration(at) + "\",\"discarded\":\"PT0.5S\"}");
                    expected.writeBytes(silence(500 * 16));
                }
                if (i == 60) { // Genesys could not send 200 ms
                    genesys.positionMs += 200;
                    genesys.send("discarded", "{\"start\":\"" + AudioHookClient.duration(genesys.positionMs - 200)
                            + "\",\"discarded\":\"PT0.2S\"}");
                    expected.writeBytes(silence(200 * 16));
                }
                genesys.audio(frames[i], 16);
                expected.writeBytes(frames[i]);
            }
            genesys.send("update", "{\"language\":\"es-ES\"}");
            genesys.send("close", "{\"reason\":\"end\"}");
            JsonNode closed = genesys.receive();
            assertThat(closed.get("type").asString()).isEqualTo("closed");
            assertThat(closed.get("clientseq").asLong()).isEqualTo(genesys.seq());
        }
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/" + conversation, "Authorization", client.bearer()).json();
        assertThat(call.get("ani").asString()).isEqualTo("+13178723000");
        JsonNode recording = call.get("recordings").get(0);
        assertThat(recording.get("state").asString()).isEqualTo("Success");
        assertThat(recording.get("channels").asInt()).isEqualTo(2);
        assertThat(recording.get("durationMs").asLong()).isEqualTo(1800 + 500 + 200);
        byte[] stored = LiveAudio.samples(api.get("/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString()
                + "/audio", "Authorization", client.bearer()).body());
        assertThat(Arrays.equals(stored, expected.toByteArray())).as("audio and silences on the call's timeline").isTrue();
    }

    @Test
    void aConnectionProbeIsAnsweredAndStoresNothing() {
        String tenant = api.tenant("probe");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        try (AudioHookClient genesys = AudioHookClient.connect(port, client.apiKey())) {
            genesys.open("00000000-0000-0000-0000-000000000000", STEREO_AND_MONO);
            assertThat(genesys.receive().get("type").asString()).isEqualTo("opened");
            genesys.audio(new byte[320], 16);
            genesys.send("close", "{\"reason\":\"end\"}");
            assertThat(genesys.receive().get("type").asString()).isEqualTo("closed");
        }
        assertThat(api.get("/v1/tenants/" + tenant + "/calls?limit=10", "Authorization", client.bearer()).json()
                .get("calls")).isEmpty();
    }

    @Test
    void withAClientSecretOnlySignedFreshConnectionsAreTaken() {
        String tenant = api.tenant("signed");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        byte[] secret = "an AudioHook client secret of 32+".getBytes();
        assertThat(api.admin("PUT", "/v1/admin/clients/" + client.clientId() + "/audiohook",
                "{\"clientSecret\":\"" + Base64.getEncoder().encodeToString(secret) + "\"}").status()).isEqualTo(204);
        assertThat(jdbc.sql("select audiohook_secret from clients where id = ?").param(client.clientId())
                .query(String.class).single()).as("sealed, not the secret").doesNotContain(
                        Base64.getEncoder().encodeToString(secret));

        try (AudioHookClient genesys = AudioHookClient.connect(port, client.apiKey(), secret)) {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            assertThat(genesys.receive().get("type").asString()).isEqualTo("opened");
        }
        String session = UUID.randomUUID().toString();
        long now = System.currentTimeMillis() / 1000;
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, AudioHookClient.headers(port, client.apiKey(), null,
                session, now, "n1"))).as("unsigned").isEqualTo(401);
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, AudioHookClient.headers(port, client.apiKey(),
                "another secret, 32 bytes or more!".getBytes(), session, now, "n2"))).as("wrong secret").isEqualTo(401);
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, AudioHookClient.headers(port, client.apiKey(), secret,
                session, now - 120, "n3"))).as("expired").isEqualTo(401);
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, AudioHookClient.headers(port, client.apiKey(), secret,
                session, now + 60, "n4"))).as("created in the future").isEqualTo(401);
        String[] once = AudioHookClient.headers(port, client.apiKey(), secret, session, now, AudioHookClient.nonce());
        LiveClient.connect(port, AudioHookClient.PATH, once).close();
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, once)).as("replayed").isEqualTo(401);

        assertThat(api.admin("DELETE", "/v1/admin/clients/" + client.clientId() + "/audiohook", null).status())
                .isEqualTo(204);
        try (AudioHookClient genesys = AudioHookClient.connect(port, client.apiKey())) {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            assertThat(genesys.receive().get("type").asString()).isEqualTo("opened");
        }
        assertThat(api.admin("PUT", "/v1/admin/clients/" + client.clientId() + "/audiohook",
                "{\"clientSecret\":\"not base64!\"}").status()).isEqualTo(400);
    }

    @Test
    void badMessagesAreAnsweredWithDisconnectAndTheProtocolsReason() {
        String tenant = api.tenant("ahbad");
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        assertThat(disconnectInfo(client, genesys -> genesys.sendRaw("{nope"))).contains("not valid JSON");
        assertThat(disconnectInfo(client, genesys -> genesys.audio(new byte[320], 16))).contains("Received audio in state PREPARING");
        assertThat(disconnectInfo(client, genesys -> genesys.send("hello", "{}"))).contains("'hello' is not a supported client message");
        assertThat(disconnectInfo(client, genesys -> genesys.sendRaw("{\"version\":\"2\",\"id\":\"" + genesys.id()
                + "\",\"type\":\"ping\",\"seq\":5,\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}")))
                .contains("Invalid seq value");
        assertThat(disconnectInfo(client, genesys -> {
            genesys.sendRaw("{\"version\":\"2\",\"id\":\"" + UUID.randomUUID()
                    + "\",\"type\":\"ping\",\"seq\":1,\"serverseq\":0,\"position\":\"PT0S\",\"parameters\":{}}");
            genesys.counted();
        })).contains("Session identifier mismatch");
        assertThat(disconnectInfo(client, genesys -> genesys.send("open", "{\"conversationId\":\"x\"}")))
                .contains("Invalid/missing parameters");
        assertThat(disconnectInfo(client, genesys -> {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            genesys.receive();
            genesys.positionMs = 5000;
            genesys.send("ping", "{}");
        })).contains("Invalid position value");
        assertThat(disconnectInfo(client, genesys -> {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            genesys.receive();
            genesys.audio(new byte[321], 16);
        })).contains("multiple of bytes per sample");
        assertThat(disconnectInfo(client, genesys -> {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            genesys.receive();
            genesys.audio(new byte[64 * 1024 + 2], 16);
        })).contains("too large");
        assertThat(disconnectInfo(client, genesys -> {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            genesys.receive();
            for (int i = 0; i < 2000; i++) {
                genesys.audio(new byte[2], 16); // a flood of one-sample frames
            }
        })).contains("too often");
        assertThat(disconnectInfo(client, genesys -> {
            genesys.open(UUID.randomUUID().toString(), STEREO_AND_MONO);
            genesys.receive();
            genesys.send("discarded", "{\"start\":\"PT0S\",\"discarded\":\"PT99999S\"}");
        })).contains("longer than a call");
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, "X-API-KEY", "cvk_wrong",
                "Audiohook-Session-Id", UUID.randomUUID().toString())).isEqualTo(401);
        assertThat(LiveClient.refusal(port, AudioHookClient.PATH, "X-API-KEY", client.apiKey())).isEqualTo(400);
        // every recording the bad sessions opened is finished, none left live
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from recordings where tenant_id = ? and state = 'Recording'").param(tenant)
                .query(Long.class).single() == 0);
    }

    private String disconnectInfo(Api.Credentials client, java.util.function.Consumer<AudioHookClient> steps) {
        try (AudioHookClient genesys = AudioHookClient.connect(port, client.apiKey())) {
            steps.accept(genesys);
            JsonNode disconnect = genesys.receive();
            assertThat(disconnect.get("type").asString()).isEqualTo("disconnect");
            assertThat(disconnect.get("parameters").get("reason").asString()).isEqualTo("error");
            genesys.send("close", "{\"reason\":\"error\"}");
            assertThat(genesys.receive().get("type").asString()).isEqualTo("closed");
            return disconnect.get("parameters").get("info").asString();
        }
    }

    private static byte[] silence(int bytes) {
        byte[] silence = new byte[bytes];
        Arrays.fill(silence, (byte) 0xFF);
        return silence;
    }
}
