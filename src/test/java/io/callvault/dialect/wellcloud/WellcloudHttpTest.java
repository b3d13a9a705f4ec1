package io.callvault.dialect.wellcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import javax.sound.sampled.AudioInputStream;

import io.callvault.audio.AudioInfo;
import io.callvault.audio.AudioProbe;
import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

class WellcloudHttpTest extends HttpTestBase {

    @TempDir
    Path dir;

    private String tenant;
    private Api.Credentials client;
    private String token;

    @BeforeEach
    void tenantAndToken() {
        tenant = api.tenant("wc", "Asia/Shanghai");
        client = api.readWriteClient(tenant);
        token = applyToken(client.appId(), client.appSecret(), "tenant");
    }

    private String applyToken(String appId, String appSecret, String type) {
        Api.Response r = api.send("POST", "/api/operation/operation/apply/token?appId=" + appId + "&appSecret="
                + appSecret + "&type=" + type, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("token").asString();
    }

    private Api.Response wc(String path, String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = token;
        return api.get("/api/operation" + path, all);
    }

    private void assertError(Api.Response r, int status, String message) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.json().get("code").asString()).isEqualTo(String.valueOf(status));
        if (message != null) {
            assertThat(r.json().get("message").asString()).isEqualTo(message);
        }
    }

    @Test
    void tokenExchangeAndItsErrors() {
        Api.Response wrong = api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId()
                + "&appSecret=wrong&type=tenant", null);
        assertError(wrong, 425, null);
        assertError(api.send("POST", "/api/operation/operation/apply/token?appId=nobody&appSecret=x&type=tenant", null), 425, null);
        assertError(api.send("POST", "/api/operation/operation/apply/token?type=tenant", null), 425, null);
        assertError(api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=user", null), 400, null);
        String second = api.tenant("wc2");
        Api.Credentials both = api.client(List.of(tenant, second), "read");
        assertError(api.send("POST", "/api/operation/operation/apply/token?appId=" + both.appId() + "&appSecret="
                + both.appSecret() + "&type=tenant", null), 400, null);
    }

    @Test
    void authorizationRules() {
        api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 800));
        assertError(api.get("/api/operation/tenant/calls/c1/recordings2"), 403, null);
        assertError(api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization", "not-a-token"), 401, null);
        assertThat(wc("/tenant/calls/c1/recordings2").status()).isEqualTo(200);
        assertThat(api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization", client.apiKey()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization", client.bearer()).status())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertError(wc("/tenant/calls/c1/recordings2"), 401, null);
    }

    @Test
    void recordingsOfACallAsWellcloudShowsThem() {
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/c19e9298", """
                {"direction":"Outbound","ani":"8010@zhen04.cc","dnis":"933255490@zhen04.cc",
                 "connectTime":"2018-01-29T08:08:23Z","disconnectTime":"2018-01-29T08:08:40Z"}""",
                "Authorization", client.bearer());
        byte[] audio = TestAudio.pcm16(8000, 1, 84000); // 10.5 s
        Api.Response seg1 = api.putRecording(client, tenant, "c19e9298", 1, audio,
                "deviceId=8010@zhen04.cc&startTime=2018-01-29T08:08:23Z&endTime=2018-01-29T08:08:34Z");
        api.putRecording(client, tenant, "c19e9298", 2, null, "state=Fail");

        JsonNode list = wc("/tenant/calls/c19e9298/recordings2").json();
        assertThat(list).hasSize(2);
        JsonNode first = list.get(0);
        assertThat(first.get("id").asString()).isEqualTo(seg1.json().get("id").asString());
        assertThat(first.get("ani").asString()).isEqualTo("8010@zhen04.cc");
        assertThat(first.get("dnis").asString()).isEqualTo("933255490@zhen04.cc");
        assertThat(first.get("callDirection").asString()).isEqualTo("Outbound");
        assertThat(first.get("startTime").asString()).isEqualTo("2018.01.29 16:08:23");
        assertThat(first.get("endTime").asString()).isEqualTo("2018.01.29 16:08:34");
        assertThat(first.get("callLength").asLong()).isEqualTo(10);
        assertThat(first.get("fileSize").asLong()).isEqualTo(audio.length);
        assertThat(first.get("deviceId").asString()).isEqualTo("8010@zhen04.cc");
        assertThat(first.get("callId").asString()).isEqualTo("c19e9298");
        assertThat(first.get("state").asString()).isEqualTo("Success");
        assertThat(first.get("tenantId").asString()).isEqualTo(tenant);
        assertThat(list.get(1).get("state").asString()).isEqualTo("Fail");
        assertThat(list.get(1).get("fileSize").asLong()).isZero();
        assertThat(list.get(1).get("callLength").asLong()).isZero();

        assertError(wc("/tenant/calls/unknown/recordings2"), 448, "录音文件不存在");
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/empty", "{}", "Authorization", client.bearer());
        assertError(wc("/tenant/calls/empty/recordings2"), 448, "录音文件不存在");
    }

    @Test
    void streamOfOneRecording() {
        byte[] audio = TestAudio.resource("vbr-22k-xing.mp3");
        String id = api.upload(client, tenant, "c2", 1, audio).get("id").asString();
        String failed = api.putRecording(client, tenant, "c2", 2, null, "state=Fail").json().get("id").asString();

        Api.Response r = wc("/tenant/recording/" + id + "/stream2?download=false");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(audio);
        assertThat(r.header("Content-Type")).hasValue("audio/mpeg");
        assertThat(r.header("Content-Disposition")).hasValue("inline; filename=\"" + id + ".mp3\"");
        assertThat(wc("/tenant/recording/" + id + "/stream2?download=true").header("Content-Disposition"))
                .hasValue("attachment; filename=\"" + id + ".mp3\"");
        assertThat(wc("/tenant/recording/" + id + "/stream2").header("Content-Disposition").orElseThrow()).startsWith("inline");
        assertError(wc("/tenant/recording/" + id + "/stream2?download=1"), 400, null);
        Api.Response ranged = wc("/tenant/recording/" + id + "/stream2", "Range", "bytes=100-199");
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));

        assertError(wc("/tenant/recording/no-such-recording/stream2"), 425, "根据录音id找不到这通记录");
        assertError(wc("/tenant/recording/" + failed + "/stream2"), 448, "录音文件不存在");
        assertThat(audited().sql("select count(*) from access_log where recording_id = ? and via = 'wellcloud'").param(id)
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void callStreamJoinsSameFormatWavSegmentsGaplessly() throws Exception {
        byte[] one = TestAudio.pcm16(8000, 1, 8000);
        byte[] two = TestAudio.pcm16(8000, 1, 4001);
        api.upload(client, tenant, "joined", 1, one);
        api.putRecording(client, tenant, "joined", 2, null, "state=Fail");
        api.upload(client, tenant, "joined", 3, two);

        Api.Response r = wc("/tenant/calls/joined/recording/stream?download=true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).hasValue("attachment; filename=\"joined.wav\"");
        byte[] joined = r.body();
        assertThat(r.header("Content-Length")).hasValue(String.valueOf(joined.length));
        try (AudioInputStream in = TestAudio.read(joined)) {
            assertThat(in.getFrameLength()).isEqualTo(8000 + 4001);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(pcmData(one));
            expected.write(pcmData(two));
            assertThat(in.readAllBytes()).isEqualTo(expected.toByteArray());
        }
        // ranges over the joined stream, across the boundary between segments
        int boundary = joined.length - pcmData(two).length;
        for (String range : List.of("bytes=0-43", "bytes=" + (boundary - 10) + "-" + (boundary + 10), "bytes=-7", "bytes=44-")) {
            Api.Response part = wc("/tenant/calls/joined/recording/stream", "Range", range);
            assertThat(part.status()).as(range).isEqualTo(206);
            String[] span = part.header("Content-Range").orElseThrow().substring(6).split("[-/]");
            assertThat(part.body()).as(range).isEqualTo(
                    Arrays.copyOfRange(joined, Integer.parseInt(span[0]), Integer.parseInt(span[1]) + 1));
            assertThat(span[2]).isEqualTo(String.valueOf(joined.length));
        }
        String etag = r.header("ETag").orElseThrow();
        assertThat(wc("/tenant/calls/joined/recording/stream", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(audited().sql("select count(*) from access_log where call_id = 'joined' and tenant_id = ? and recording_id is null")
                .param(tenant).query(Long.class).single()).isEqualTo(5);
    }

    /** Every segment the answer reads is checked before it starts, not only the first, which is opened then. */
    @Test
    void callStreamWithALaterSegmentMissingIsRefusedBeforeItStarts() {
        api.upload(client, tenant, "half-lost", 1, TestAudio.pcm16(8000, 1, 8000));
        String lost = api.upload(client, tenant, "half-lost", 2, TestAudio.pcm16(8000, 1, 4000)).get("id").asString();
        assertThat(wc("/tenant/calls/half-lost/recording/stream").status()).isEqualTo(200);
        stored.delete(lost);
        assertError(wc("/tenant/calls/half-lost/recording/stream"), 448, "录音文件不存在");
        assertError(wc("/tenant/calls/half-lost/recording/stream", "Range", "bytes=-100"), 448, "录音文件不存在");
    }

    @Test
    void callStreamJoinsMuLawAndMp3AndRefusesSegmentsOfDifferentFormats() throws Exception {
        api.upload(client, tenant, "ulaw", 1, TestAudio.mulaw(8000, 1, 3000));
        api.upload(client, tenant, "ulaw", 2, TestAudio.mulaw(8000, 1, 5000));
        try (AudioInputStream in = TestAudio.read(wc("/tenant/calls/ulaw/recording/stream").body())) {
            assertThat(in.getFormat().getEncoding().toString()).isEqualTo("ULAW");
            assertThat(in.getFrameLength()).isEqualTo(8000);
        }

        byte[] a = TestAudio.resource("id3-8k-a.mp3");
        byte[] b = TestAudio.resource("cbr-8k-b.mp3");
        api.upload(client, tenant, "mp3", 1, a);
        api.upload(client, tenant, "mp3", 2, b);
        byte[] joined = wc("/tenant/calls/mp3/recording/stream").body();
        assertThat(joined[0] & 0xFF).as("frames, not an ID3 tag, start the joined stream").isEqualTo(0xFF);
        AudioProbe probe = new AudioProbe();
        AudioInfo whole = probe.probe(Files.write(dir.resolve("joined.mp3"), joined));
        AudioInfo first = probe.probe(Files.write(dir.resolve("a.mp3"), a));
        AudioInfo second = probe.probe(Files.write(dir.resolve("b.mp3"), b));
        assertThat(whole.durationMs()).isEqualTo(first.durationMs() + second.durationMs());
        assertThat((long) joined.length).isEqualTo(first.dataLength() + second.dataLength());

        byte[] pcm = TestAudio.pcm16(8000, 1, 800);
        api.upload(client, tenant, "mixed", 1, pcm);
        api.upload(client, tenant, "mixed", 2, TestAudio.mulaw(8000, 1, 800));
        Api.Response mixed = wc("/tenant/calls/mixed/recording/stream");
        assertThat(mixed.status()).as("not segment 1 passed off as the whole call").isEqualTo(422);
        assertThat(mixed.json().get("code").asString()).isEqualTo("422");
        assertThat(mixed.json().get("message").asString()).contains("differ in codec");
        api.putRecording(client, tenant, "single", 1, null, "state=Fail");
        api.upload(client, tenant, "single", 2, pcm);
        assertThat(wc("/tenant/calls/single/recording/stream").body()).as("one segment with audio is the call").isEqualTo(pcm);

        api.putRecording(client, tenant, "silent", 1, null, "state=Fail");
        assertError(wc("/tenant/calls/silent/recording/stream"), 448, "录音文件不存在");
        assertError(wc("/tenant/calls/nothing-here/recording/stream"), 448, "录音文件不存在");
    }

    private static byte[] pcmData(byte[] wav) throws Exception {
        try (AudioInputStream in = TestAudio.read(wav)) {
            return in.readAllBytes();
        }
    }
}
