package io.callvault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class IngestHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;

    @BeforeEach
    void tenant() {
        tenant = api.tenant("ingest");
        client = api.readWriteClient(tenant);
    }

    @Test
    void storesAndMeasuresEachSupportedFormat() throws Exception {
        record Case(byte[] bytes, String format, String encoding, int rate, int channels, long durationMs) {
        }
        List<Case> cases = List.of(
                new Case(TestAudio.pcm16(8000, 1, 8000), "wav", "pcm", 8000, 1, 1000),
                new Case(TestAudio.pcm8(16000, 2, 8000), "wav", "pcm", 16000, 2, 500),
                new Case(TestAudio.mulaw(8000, 1, 20000), "wav", "mulaw", 8000, 1, 2500),
                new Case(TestAudio.alaw(8000, 2, 4000), "wav", "alaw", 8000, 2, 500),
                new Case(TestAudio.resource("vbr-22k-xing.mp3"), "mp3", "mp3", 22050, 1, 3000),
                new Case(TestAudio.resource("cbr-44k-info.mp3"), "mp3", "mp3", 44100, 1, 2000));
        int segment = 1;
        for (Case c : cases) {
            JsonNode r = api.upload(client, tenant, "formats", segment++, c.bytes());
            assertThat(r.get("format").asString()).isEqualTo(c.format());
            assertThat(r.get("encoding").asString()).isEqualTo(c.encoding());
            assertThat(r.get("sampleRate").asInt()).isEqualTo(c.rate());
            assertThat(r.get("channels").asInt()).isEqualTo(c.channels());
            assertThat(r.get("durationMs").asLong()).isBetween(c.durationMs() - 30, c.durationMs() + 30);
            assertThat(r.get("fileSize").asLong()).isEqualTo(c.bytes().length);
            assertThat(r.get("sha256").asString()).isEqualTo(sha256(c.bytes()));
            assertThat(r.get("state").asString()).isEqualTo("Success");
            assertThat(r.get("id").asString()).matches("[0-9a-f-]{36}");
            // what was acknowledged is in the store, byte for byte, and its row is committed
            assertThat(stored.bytes(r.get("id").asString())).isEqualTo(c.bytes());
            assertThat(stored.of(r.get("id").asString()).store()).isEqualTo(TestDatabase.STORAGE);
        }
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/formats", "Authorization", client.bearer()).json();
        assertThat(call.get("recordings")).hasSize(cases.size());
    }

    @Test
    void sameBytesAgainIs200WithTheSameIdAndOtherBytesAre409() {
        byte[] audio = TestAudio.pcm16(8000, 1, 4000);
        JsonNode first = api.upload(client, tenant, "dup", 1, audio);
        String store = stored.of(first.get("id").asString()).store();
        List<String> keys = stored.keys(store);
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/dup", "Authorization", client.bearer()).json();
        clock.advance(Duration.ofMinutes(1)); // a call touched by the retries below would show a later updatedAt
        Api.Response again = api.putRecording(client, tenant, "dup", 1, audio, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).as("the same recording, to the microsecond of createdAt").isEqualTo(first);
        Api.Response other = api.putRecording(client, tenant, "dup", 1, TestAudio.pcm16(8000, 1, 4001), null);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("detail").asString()).contains("other content");
        assertThat(jdbc.sql("select count(*) from recordings where tenant_id = ?").param(tenant).query(Long.class).single())
                .isEqualTo(1);
        assertThat(stored.keys(store)).as("neither upload left audio behind").containsExactlyInAnyOrderElementsOf(keys);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/dup", "Authorization", client.bearer()).json())
                .as("neither upload changed the call").isEqualTo(call);
    }

    /** A client whose 201 was lost retries while the store refuses writes: the segment is stored, so 200. */
    @Test
    void aRetryOfAStoredSegmentIsAnsweredWhileTheStoreRefusesWrites() {
        Assumptions.assumeTrue(TestDatabase.s3(), "the S3 run's store is the one a test can take down");
        byte[] audio = TestAudio.pcm16(8000, 1, 2000);
        JsonNode first = api.upload(client, tenant, "retry", 1, audio);
        TestS3.refuseWrites(true);
        try {
            Api.Response again = api.putRecording(client, tenant, "retry", 1, audio, null);
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.json()).isEqualTo(first);
            assertThat(api.putRecording(client, tenant, "retry", 2, audio, null).status())
                    .as("a new segment needs the store").isEqualTo(503);
        } finally {
            TestS3.refuseWrites(false);
        }
    }

    @Test
    void concurrentUploadsOfOneSegmentStoreItOnce() throws Exception {
        byte[] audio = TestAudio.mulaw(8000, 1, 40000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Api.Response> upload = () -> api.putRecording(client, tenant, "race", 1, audio, null);
                results.add(pool.submit(upload));
            }
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : results) {
                responses.add(f.get());
            }
            assertThat(responses).extracting(Api.Response::status).containsOnly(200, 201);
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).extracting(r -> r.json().get("id").asString()).containsOnly(
                    responses.get(0).json().get("id").asString());
        } finally {
            pool.shutdownNow();
        }
        // the losers' blobs were removed: exactly one stored object holds this audio
        long copies = stored.keys(TestDatabase.STORAGE).stream()
                .filter(key -> java.util.Arrays.equals(stored.bytesOf(TestDatabase.STORAGE, key), audio)).count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void failedCaptureIsARecordingWithoutAudio() {
        Api.Response fail = api.putRecording(client, tenant, "failed", 2, null, "state=Fail&deviceId=8001@x.cc");
        assertThat(fail.status()).as(fail.text()).isEqualTo(201);
        assertThat(fail.json().get("state").asString()).isEqualTo("Fail");
        assertThat(fail.json().get("fileSize").asLong()).isZero();
        assertThat(api.putRecording(client, tenant, "failed", 2, null, "state=Fail").status()).isEqualTo(200);
        assertThat(api.putRecording(client, tenant, "failed", 2, TestAudio.pcm16(8000, 1, 100), null).status()).isEqualTo(409);
        assertThat(api.putRecording(client, tenant, "failed", 3, TestAudio.pcm16(8000, 1, 100), "state=Fail").status())
                .isEqualTo(400);
        assertThat(api.putRecording(client, tenant, "failed", 3, null, "state=Broken").status()).isEqualTo(400);
        String id = fail.json().get("id").asString();
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer())
                .status()).isEqualTo(404);
    }

    @Test
    void refusesWhatIsNotSupportedAudioWithClearErrors() {
        Api.Response text = api.putRecording(client, tenant, "bad", 1, "just text".getBytes(), null);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("detail").asString()).contains("unrecognised audio format");

        byte[] wav = TestAudio.pcm16(8000, 1, 8000);
        Api.Response truncated = api.putRecording(client, tenant, "bad", 1, java.util.Arrays.copyOf(wav, wav.length / 2), null);
        assertThat(truncated.status()).isEqualTo(422);
        assertThat(truncated.json().get("detail").asString()).contains("truncated");

        Api.Response empty = api.putRecording(client, tenant, "bad", 1, new byte[0], null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("detail").asString()).contains("empty");

        // the Content-Type is never trusted: a WAV labelled as MP3 is still a WAV
        Api.Response labelled = api.send("PUT", "/v1/tenants/" + tenant + "/calls/bad/recordings/1", wav,
                "Authorization", client.bearer(), "Content-Type", "audio/mpeg");
        assertThat(labelled.status()).isEqualTo(201);
        assertThat(labelled.json().get("format").asString()).isEqualTo("wav");

        assertThat(jdbc.sql("select count(*) from recordings where tenant_id = ?").param(tenant).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void bodiesOverTheMaximumAre413AndLeaveNothing() throws Exception {
        byte[] big = TestAudio.pcm16(8000, 1, 4_300_000); // ≈ 8.6 MB, over the tests' 8 MB limit
        String path = "/v1/tenants/" + tenant + "/calls/big/recordings/1";
        // announced too large: refused before a byte of the body is sent
        assertThat(api.announce("PUT", path, 9L * 1024 * 1024 * 1024, "Authorization", client.bearer(),
                "Content-Type", "application/octet-stream", "Expect", "100-continue").status()).isEqualTo(413);
        assertThat(api.announce("PUT", path, big.length, "Authorization", client.bearer(),
                "Content-Type", "application/octet-stream", "Expect", "100-continue").status()).isEqualTo(413);
        // a chunked body is cut off once it passes the limit; Tomcat closes the connection after the 413, so a
        // client still sending may see the reset instead of the answer. Either way nothing may be stored.
        try {
            assertThat(api.putChunked(path, big, "Authorization", client.bearer()).status()).isEqualTo(413);
        } catch (java.io.UncheckedIOException cutOff) {
            assertThat(cutOff).hasRootCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(jdbc.sql("select count(*) from recordings where tenant_id = ?").param(tenant).query(Long.class).single())
                .isZero();
        try (Stream<Path> staged = Files.list(TestDatabase.dataDir().resolve("staging"))) {
            assertThat(staged.filter(p -> p.toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void refusesBadIds() {
        byte[] audio = TestAudio.pcm16(8000, 1, 100);
        assertThat(api.putRecording(client, tenant, "c1", 0, audio, null).status()).isEqualTo(400);
        assertThat(api.send("PUT", "/v1/tenants/" + tenant + "/calls/c1/recordings/abc", audio,
                "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.send("PUT", "/v1/tenants/" + tenant + "/calls/c1/recordings/99999999999", audio,
                "Authorization", client.bearer()).status()).isEqualTo(400);
        assertThat(api.putRecording(client, tenant, "x".repeat(129), 1, audio, null).status()).isEqualTo(400);
        assertThat(api.putRecording(client, tenant, "a%20b", 1, audio, null).status()).isEqualTo(400);
        assertThat(api.putRecording(client, tenant, "c1", 1, audio, "startTime=yesterday").status()).isEqualTo(400);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
