package io.callvault.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sound.sampled.AudioInputStream;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/** {@code --demo} makes a demo call whose two recordings are real, playable audio. */
@TestPropertySource(properties = "callvault.demo=true")
class DemoHttpTest extends HttpTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    DemoData demo;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    @Test
    void demoCallHasTwoPlayableRecordingsThatPlayAsOneCall() throws Exception {
        Api.Credentials reader = api.client(List.of(DemoData.TENANT), "read");
        JsonNode call = api.get("/v1/tenants/demo/calls/" + DemoData.CALL, "Authorization", reader.bearer()).json();
        assertThat(call.get("complete").asBoolean()).isTrue();
        JsonNode recordings = call.get("recordings");
        assertThat(recordings).hasSize(2);
        assertThat(recordings.get(0).get("encoding").asString()).isEqualTo("mulaw");
        assertThat(recordings.get(1).get("encoding").asString()).isEqualTo("mulaw");
        for (JsonNode recording : recordings) {
            byte[] audio = api.get("/v1/tenants/demo/recordings/" + recording.get("id").asString() + "/audio",
                    "Authorization", reader.bearer()).body();
            try (AudioInputStream in = TestAudio.read(audio)) {
                long frames = in.getFrameLength();
                assertThat(frames * 1000 / (long) in.getFormat().getSampleRate())
                        .isEqualTo(recording.get("durationMs").asLong()).isGreaterThan(1000);
                byte[] samples = in.readAllBytes();
                assertThat(samples).as("not silence").matches(s -> {
                    for (byte b : s) {
                        if (b != samples[0]) {
                            return true;
                        }
                    }
                    return false;
                });
            }
        }
        long joinedMs = recordings.get(0).get("durationMs").asLong() + recordings.get(1).get("durationMs").asLong();
        try (AudioInputStream in = TestAudio.read(api.get("/api/operation/tenant/calls/" + DemoData.CALL
                + "/recording/stream", "Authorization", reader.apiKey()).body())) {
            assertThat(in.getFrameLength() * 1000 / (long) in.getFormat().getSampleRate()).isEqualTo(joinedMs);
        }
    }

    /** The demo client is made once, its credentials kept owner-only, and the same client used at the next start. */
    @Test
    void theDemoClientIsKeptAndWorksOnEverySurface() throws Exception {
        java.nio.file.Path kept = io.callvault.support.TestDatabase.dataDir().resolve("demo-client.json");
        assertThat(java.nio.file.Files.getPosixFilePermissions(kept))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        JsonNode client = Api.JSON.readTree(java.nio.file.Files.readAllBytes(kept));
        demo.ready(new org.springframework.boot.context.event.ApplicationReadyEvent(new org.springframework.boot.SpringApplication(),
                new String[0], context, java.time.Duration.ZERO));
        assertThat(Api.JSON.readTree(java.nio.file.Files.readAllBytes(kept))).as("the same client at the next start")
                .isEqualTo(client);
        assertThat(jdbc.sql("select count(*) from clients where name = 'demo client' and revoked_at is null")
                .query(Long.class).single()).isEqualTo(1);
        Api.Response comdesign = api.json("POST", "/general/v1/" + client.get("sourceUuid").asString() + "/call/audio_data",
                "{\"tenantId\":\"demo\",\"sessionId\":" + DemoData.CALL + ",\"recordId\":1}",
                "Authorization", client.get("apiKey").asString());
        assertThat(comdesign.header("Content-Type").orElseThrow()).startsWith("multipart/form-data");
    }
}
