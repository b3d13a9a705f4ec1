package io.callvault.waveform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Contract 7's waveform: peaks per channel from every stored format, computed once and kept. */
class WaveformHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;

    @BeforeEach
    void tenant() {
        tenant = api.tenant("waveform");
        client = api.client(List.of(tenant), "ingest", "read");
    }

    private JsonNode upload(String callId, byte[] audio) {
        Api.Response put = api.send("PUT", "/v1/tenants/" + tenant + "/calls/" + callId + "/recordings/1", audio,
                "Authorization", client.bearer());
        assertThat(put.status()).as(put.text()).isEqualTo(201);
        return put.json();
    }

    private JsonNode waveform(String recordingId, String query) {
        Api.Response answer = api.send("GET", "/v1/tenants/" + tenant + "/recordings/" + recordingId + "/waveform" + query,
                null, "Authorization", client.bearer());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** Stereo: the left channel a tone at 12000 throughout, the right silent for the first half, then at 24000. */
    private static byte[] stereo(int frames) {
        return TestAudio.stereo16(8000, frames, f -> (int) Math.round(Math.sin(2 * Math.PI * 440 * f / 8000.0) * 12000),
                f -> f < frames / 2 ? 0 : (int) Math.round(Math.sin(2 * Math.PI * 440 * f / 8000.0) * 24000));
    }

    @Test
    void stereoWavHasALaneForEachChannelAndTheirPeaks() {
        JsonNode recording = upload("stereo", stereo(16000));
        JsonNode waveform = waveform(recording.get("id").asString(), "?points=4");
        assertThat(waveform.get("points").asInt()).isEqualTo(4);
        assertThat(waveform.get("channels").asInt()).isEqualTo(2);
        assertThat(waveform.get("durationMs").asLong()).isEqualTo(2000);
        JsonNode left = waveform.get("peaks").get(0);
        JsonNode right = waveform.get("peaks").get(1);
        assertThat(left).hasSize(4);
        for (JsonNode pair : left) {
            assertThat(pair.get(0).asDouble()).isCloseTo(-12000 / 32768.0, within(0.01));
            assertThat(pair.get(1).asDouble()).isCloseTo(12000 / 32767.0, within(0.01));
        }
        assertThat(right.get(0).get(0).asDouble()).isZero();
        assertThat(right.get(1).get(1).asDouble()).isZero();
        assertThat(right.get(2).get(1).asDouble()).isCloseTo(24000 / 32767.0, within(0.01));
        assertThat(right.get(3).get(0).asDouble()).isCloseTo(-24000 / 32768.0, within(0.01));
    }

    @Test
    void theDefaultIsAThousandPointsAndTheLimitsAreKept() {
        String id = upload("default", TestAudio.pcm16(8000, 1, 24000)).get("id").asString();
        assertThat(waveform(id, "").get("peaks").get(0)).hasSize(1000);
        assertThat(waveform(id, "?points=10000").get("peaks").get(0)).hasSize(10000);
        for (String bad : List.of("0", "10001", "-1", "many")) {
            Api.Response refused = api.send("GET", "/v1/tenants/" + tenant + "/recordings/" + id + "/waveform?points=" + bad,
                    null, "Authorization", client.bearer());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        }
    }

    @Test
    void muLawALawAnd8BitPcmAreDecoded() {
        for (byte[] audio : List.of(TestAudio.mulaw(8000, 1, 8000), TestAudio.alaw(8000, 1, 8000), TestAudio.pcm8(8000, 1, 8000))) {
            String id = upload("g711-" + audio.length + "-" + audio[20], audio).get("id").asString();
            JsonNode peaks = waveform(id, "?points=10").get("peaks").get(0);
            for (JsonNode pair : peaks) {
                // TestAudio's tone: 12000 of 32768 in 16 bits, 100 of 128 in 8 bits
                assertThat(pair.get(1).asDouble()).isBetween(0.34, 0.79);
                assertThat(pair.get(0).asDouble()).isBetween(-0.79, -0.34);
            }
        }
    }

    @Test
    void mp3IsDecodedToo() {
        JsonNode recording = upload("mp3", TestAudio.resource("cbr-44k-info.mp3"));
        JsonNode waveform = waveform(recording.get("id").asString(), "?points=20");
        assertThat(waveform.get("channels").asInt()).isEqualTo(1);
        assertThat(waveform.get("durationMs").asLong()).isEqualTo(recording.get("durationMs").asLong());
        JsonNode peaks = waveform.get("peaks").get(0);
        assertThat(peaks).hasSize(20);
        // a tone throughout: every point of the middle holds sound well above silence
        for (int i = 2; i < 18; i++) {
            assertThat(peaks.get(i).get(1).asDouble()).as("point %d", i).isGreaterThan(0.05);
            assertThat(peaks.get(i).get(0).asDouble()).as("point %d", i).isLessThan(-0.05);
        }
    }

    @Test
    void peaksAreComputedOnceAndKept() {
        String id = upload("kept", TestAudio.pcm16(8000, 1, 8000)).get("id").asString();
        assertThat(jdbc.sql("select count(*) from waveforms where recording_id = ?").param(id).query(Long.class).single()).isZero();
        JsonNode first = waveform(id, "?points=50");
        assertThat(jdbc.sql("select buckets from waveforms where recording_id = ?").param(id).query(Integer.class).single())
                .isEqualTo(8000);
        // what is kept is what is served: overwrite the kept peaks and the answer follows them, not the audio
        jdbc.sql("update waveforms set peaks = ? where recording_id = ?").params(new byte[8000 * 4], id).update();
        JsonNode second = waveform(id, "?points=50");
        assertThat(first.get("peaks").get(0).get(0).get(1).asDouble()).isGreaterThan(0.3);
        assertThat(second.get("peaks").get(0).get(0).get(1).asDouble()).isZero();
        assertThat(api.send("DELETE", "/v1/tenants/" + tenant + "/recordings/" + id, null, "Authorization",
                api.client(List.of(tenant), "delete").bearer()).status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from waveforms where recording_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void aRecordingWithoutAudioHasNoWaveform() {
        Api.Response failed = api.send("PUT", "/v1/tenants/" + tenant + "/calls/failed/recordings/1?state=Fail", new byte[0],
                "Authorization", client.bearer());
        assertThat(failed.status()).as(failed.text()).isEqualTo(201);
        Api.Response answer = api.send("GET", "/v1/tenants/" + tenant + "/recordings/" + failed.json().get("id").asString()
                + "/waveform", null, "Authorization", client.bearer());
        assertThat(answer.status()).isEqualTo(404);
    }
}
