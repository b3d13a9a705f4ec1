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

    @Test
    void demoCallHasTwoPlayableRecordings() throws Exception {
        Api.Credentials reader = api.client(List.of(DemoData.TENANT), "read");
        JsonNode call = api.get("/v1/tenants/demo/calls/" + DemoData.CALL, "Authorization", reader.bearer()).json();
        assertThat(call.get("complete").asBoolean()).isTrue();
        JsonNode recordings = call.get("recordings");
        assertThat(recordings).hasSize(2);
        assertThat(recordings.get(0).get("encoding").asString()).isEqualTo("mulaw");
        assertThat(recordings.get(1).get("encoding").asString()).isEqualTo("pcm");
        assertThat(recordings.get(1).get("bitsPerSample").asInt()).isEqualTo(16);
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
    }
}
