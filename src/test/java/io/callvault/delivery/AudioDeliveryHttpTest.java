package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class AudioDeliveryHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;
    private byte[] audio;
    private String id;
    private String path;
    private String etag;

    @BeforeEach
    void recording() {
        tenant = api.tenant("serve");
        client = api.readWriteClient(tenant);
        audio = TestAudio.pcm16(8000, 1, 8000);
        JsonNode r = api.upload(client, tenant, "call-1", 1, audio);
        id = r.get("id").asString();
        etag = "\"" + r.get("sha256").asString() + "\"";
        path = "/v1/tenants/" + tenant + "/recordings/" + id + "/audio";
    }

    private Api.Response get(String... headers) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = client.bearer();
        return api.get(path, all);
    }

    @Test
    void wholeBodyWithValidators() {
        Api.Response r = get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(audio);
        assertThat(r.header("Content-Type")).hasValue("audio/wav");
        assertThat(r.header("Content-Length")).hasValue(String.valueOf(audio.length));
        assertThat(r.header("Accept-Ranges")).hasValue("bytes");
        assertThat(r.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.header("ETag")).hasValue(etag);
        assertThat(r.header("Last-Modified")).isPresent();
        assertThat(r.header("Content-Disposition")).hasValue("inline; filename=\"" + id + ".wav\"");

        Api.Response download = api.get(path + "?download=true", "Authorization", client.bearer());
        assertThat(download.header("Content-Disposition")).hasValue("attachment; filename=\"" + id + ".wav\"");
        assertThat(api.get(path + "?download=yes", "Authorization", client.bearer()).status()).isEqualTo(400);
    }

    @Test
    void headAnswersTheHeadersOfGet() {
        Api.Response head = api.send("HEAD", path, null, "Authorization", client.bearer());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).hasValue(String.valueOf(audio.length));
        assertThat(head.header("ETag")).hasValue(etag);
        Api.Response ranged = api.send("HEAD", path, null, "Authorization", client.bearer(), "Range", "bytes=0-9");
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.header("Content-Range")).hasValue("bytes 0-9/" + audio.length);
    }

    @Test
    void everyRangeForm() {
        int n = audio.length;
        Map<String, int[]> cases = Map.of(
                "bytes=0-99", new int[] {0, 99},
                "bytes=100-", new int[] {100, n - 1},
                "bytes=-100", new int[] {n - 100, n - 1},
                "bytes=5000-999999", new int[] {5000, n - 1},
                "bytes=0-99999999999999999999999", new int[] {0, n - 1});
        cases.forEach((header, range) -> {
            Api.Response r = get("Range", header);
            assertThat(r.status()).as(header).isEqualTo(206);
            assertThat(r.header("Content-Range")).as(header).hasValue("bytes " + range[0] + "-" + range[1] + "/" + n);
            assertThat(r.body()).as(header).isEqualTo(Arrays.copyOfRange(audio, range[0], range[1] + 1));
        });
        for (String unsatisfiable : List.of("bytes=" + n + "-", "bytes=99999999999-", "bytes=5-2", "bytes=x-y", "bytes=-0")) {
            Api.Response r = get("Range", unsatisfiable);
            assertThat(r.status()).as(unsatisfiable).isEqualTo(416);
            assertThat(r.header("Content-Range")).as(unsatisfiable).hasValue("bytes */" + n);
        }
        Api.Response several = get("Range", "bytes=0-1,10-20");
        assertThat(several.status()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(audio);
    }

    @Test
    void conditionalRequests() {
        assertThat(get("If-None-Match", etag).status()).isEqualTo(304);
        assertThat(get("If-None-Match", etag).body()).isEmpty();
        assertThat(get("If-None-Match", "*").status()).isEqualTo(304);
        assertThat(get("If-None-Match", "\"something-else\"").status()).isEqualTo(200);
        assertThat(get("If-None-Match", "\"x\", W/" + etag).status()).isEqualTo(304);
        assertThat(get("If-Match", "\"something-else\"").status()).isEqualTo(412);
        assertThat(get("If-Match", etag).status()).isEqualTo(200);
        String lastModifiedAt = get().header("Last-Modified").orElseThrow();
        assertThat(get("If-Modified-Since", lastModifiedAt).status()).isEqualTo(304);
        assertThat(get("If-Modified-Since", "not a date").status()).isEqualTo(200);

        Api.Response matching = get("Range", "bytes=0-9", "If-Range", etag);
        assertThat(matching.status()).isEqualTo(206);
        Api.Response changed = get("Range", "bytes=0-9", "If-Range", "\"an-older-version\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(audio);
        String lastModified = get().header("Last-Modified").orElseThrow();
        assertThat(get("Range", "bytes=0-9", "If-Range", lastModified).status()).isEqualTo(206);
        String older = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusDays(3));
        assertThat(get("Range", "bytes=0-9", "If-Range", older).status()).isEqualTo(200);
    }

    @Test
    void everySuccessfulReadIsInTheAccessLog() {
        get();
        get("Range", "bytes=10-19");
        api.get(path + "?download=true", "Authorization", client.bearer());
        get("If-None-Match", etag); // 304: nothing read
        get("Range", "bytes=999999-"); // 416: nothing read
        api.send("HEAD", path, null, "Authorization", client.bearer()); // no audio read
        List<Map<String, Object>> rows = audited().sql("""
                select client_id, call_id, kind, via, range_start, range_end, bytes, remote_addr
                from access_log where recording_id = ? order by id""").param(id).query().listOfRows();
        assertThat(rows).hasSize(3);
        Map<String, Object> whole = lower(rows.get(0));
        assertThat(whole).containsEntry("client_id", client.clientId()).containsEntry("call_id", "call-1")
                .containsEntry("kind", "play").containsEntry("via", "native").containsEntry("remote_addr", "127.0.0.1");
        assertThat(((Number) whole.get("bytes")).longValue()).isEqualTo(audio.length);
        Map<String, Object> ranged = lower(rows.get(1));
        assertThat(((Number) ranged.get("range_start")).longValue()).isEqualTo(10);
        assertThat(((Number) ranged.get("range_end")).longValue()).isEqualTo(19);
        assertThat(((Number) ranged.get("bytes")).longValue()).isEqualTo(10);
        assertThat(lower(rows.get(2))).containsEntry("kind", "download");
    }

    @Test
    void bytesServedAndUploadsAreMetered() {
        double before = served();
        get("Range", "bytes=0-999");
        assertThat(served() - before).isEqualTo(1000.0);
        JsonNode uploads = api.get("/actuator/metrics/callvault.uploads?tag=outcome:created", "Authorization", "Bearer " + ADMIN_TOKEN).json();
        assertThat(uploads.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
    }

    private double served() {
        Api.Response r = api.get("/actuator/metrics/callvault.bytes.served?tag=via:native", "Authorization", "Bearer " + ADMIN_TOKEN);
        return r.status() == 404 ? 0 : r.json().get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void signedPlaybackUrlWorksWithoutAuthorizationUntilItExpires() {
        Api.Response signed = api.json("POST", "/v1/tenants/" + tenant + "/recordings/" + id + "/playback-url",
                "{\"ttlSeconds\":60}", "Authorization", client.bearer());
        assertThat(signed.status()).isEqualTo(201);
        String url = signed.json().get("url").asString();
        assertThat(signed.json().get("expiresAt").asString()).endsWith("Z");
        assertThat(url).startsWith(api.base() + path + "?");

        Api.Response played = api.get(url);
        assertThat(played.status()).isEqualTo(200);
        assertThat(played.body()).isEqualTo(audio);
        Api.Response seek = api.get(url, "Range", "bytes=4000-");
        assertThat(seek.status()).isEqualTo(206);
        assertThat(seek.body()).isEqualTo(Arrays.copyOfRange(audio, 4000, audio.length));
        assertThat(audited().sql("select count(*) from access_log where recording_id = ? and via = 'signed-url' and client_id = ?")
                .params(id, client.clientId()).query(Long.class).single()).isEqualTo(2);

        String sig = url.substring(url.indexOf("sig=") + 4);
        String flipped = (sig.charAt(0) == 'a' ? 'b' : 'a') + sig.substring(1);
        assertThat(api.get(url.replace(sig, flipped)).status()).isEqualTo(403);
        assertThat(api.get(url.replaceFirst("expires=\\d+", "expires=99999999999")).status()).isEqualTo(403);
        String other = api.upload(client, tenant, "call-1", 2, TestAudio.pcm16(8000, 1, 100)).get("id").asString();
        assertThat(api.get(url.replace(id, other)).status()).isEqualTo(403);

        clock.advance(Duration.ofSeconds(61));
        assertThat(api.get(url).status()).isEqualTo(403);
    }

    @Test
    void playbackUrlRefusesBadTtlAndUnknownRecordings() {
        String base = "/v1/tenants/" + tenant + "/recordings/";
        assertThat(api.json("POST", base + id + "/playback-url", "{\"ttlSeconds\":0}", "Authorization", client.bearer())
                .status()).isEqualTo(400);
        assertThat(api.json("POST", base + id + "/playback-url", "{\"ttlSeconds\":3601}", "Authorization", client.bearer())
                .status()).isEqualTo(400);
        assertThat(api.json("POST", base + id + "/playback-url", "{\"ttlSeconds\":\"long\"}", "Authorization",
                client.bearer()).status()).isEqualTo(400);
        assertThat(api.json("POST", base + "no-such-id/playback-url", "{}", "Authorization", client.bearer()).status())
                .isEqualTo(404);
    }

    @Test
    void missingStoredAudioIsReportedNotServed() throws Exception {
        stored.delete(id);
        Api.Response r = get();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("detail").asString()).contains("damaged or missing");
        assertThat(get("Range", "bytes=100-199").status()).isEqualTo(500);
        assertThat(api.send("HEAD", path, null, "Authorization", client.bearer()).status()).isEqualTo(500);
        assertThat(audited().sql("select count(*) from access_log where recording_id = ?").param(id).query(Long.class).single())
                .isZero();
    }

    @Test
    void storedAudioShorterThanTheCatalogSaysIsReportedNotServed() throws Exception {
        byte[] kept = stored.bytes(id);
        stored.replace(id, Arrays.copyOf(kept, kept.length - 100));
        Api.Response tail = get("Range", "bytes=-50");
        assertThat(tail.status()).isEqualTo(500);
        assertThat(tail.json().get("detail").asString()).contains("damaged or missing");
        assertThat(tail.header("Content-Range")).isEmpty();
        assertThat(tail.header("Content-Disposition")).isEmpty();
        assertThat(get().status()).isEqualTo(500);
        // whichever part is asked for, as a HEAD answers: on S3 too, where the ranged read itself is the check
        Api.Response inside = get("Range", "bytes=100-199");
        assertThat(inside.status()).as("a range inside what is left").isEqualTo(500);
        assertThat(inside.json().get("detail").asString()).contains("damaged or missing");
        assertThat(api.send("HEAD", path, null, "Authorization", client.bearer(), "Range", "bytes=100-199").status())
                .isEqualTo(500);
        assertThat(audited().sql("select count(*) from access_log where recording_id = ?").param(id).query(Long.class).single())
                .isZero();
    }

    /** Before, a HEAD asked the store whether the object was whole ahead of every GET: two round trips a range. */
    @Test
    void aRangeOfAnObjectInS3IsOneRequestToTheStore() {
        assumeTrue("s3".equals(TestDatabase.STORAGE), "only the S3 store answers over the network");
        long heads = TestS3.calls("blobMetadata");
        long gets = TestS3.calls("getBlob");
        Api.Response r = get("Range", "bytes=1000-1999");
        assertThat(r.status()).isEqualTo(206);
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(audio, 1000, 2000));
        assertThat(TestS3.calls("getBlob") - gets).isEqualTo(1);
        assertThat(TestS3.calls("blobMetadata") - heads).isZero();
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> result = new java.util.HashMap<>();
        row.forEach((k, v) -> result.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return result;
    }
}
