package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.Seeds;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;

/**
 * A corpus of generated malformed requests over every endpoint: hostile ids, headers, JSON, ranges and audio
 * bodies. None may answer 5xx or hang, the archive's data must be exactly as before, and the server must stay
 * healthy. Everything is drawn from one seeded {@link Random}: the failure message names the seed, and
 * {@code -Dcallvault.test.seed=N} draws the same requests again.
 */
class HostileCorpusHttpTest extends HttpTestBase {

    private static final int REQUESTS = 1200;

    @Test
    void noMalformedRequestGetsA5xxOrChangesStoredData() {
        String tenant = api.tenant("corpus");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] wav = TestAudio.pcm16(8000, 1, 4000);
        byte[] mp3 = TestAudio.resource("cbr-8k-b.mp3");
        String recording = api.upload(client, tenant, "1001", 1, wav).get("id").asString();
        String recording2 = api.upload(client, tenant, "1001", 2, mp3).get("id").asString();
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/1001", "{\"ani\":\"0311\",\"disconnectTime\":\"2026-01-01T00:00:00Z\"}",
                "Authorization", client.bearer());
        Map<String, Object> before = snapshot(tenant, client, recording, recording2);

        long seed = Seeds.seed();
        Random random = new Random(seed);
        Generator ids = Generator.oneOf(
                r -> anyString(r, 300),
                r -> stringOf(r, "./%\\:@-_~", 24),
                Generator.of("..", ".", "../../etc/passwd", "..%2f..%2f", "%2e%2e", "%00", "1001/../../x", "a".repeat(129),
                        "-1", "0", "99999999999999999999999", "1001", recording, recording2, "' or 1=1 --",
                        "${jndi:ldap://127.0.0.1/x}", "日本語", "\u0000", " ", "1001 ", "+1 555-0100", "99991231T235959Z",
                        "+999999999-12-31T23:59:59Z"));
        Generator junk = r -> anyString(r, 2000);
        Generator ranges = Generator.oneOf(
                r -> "bytes=" + anyString(r, 60),
                r -> "bytes=" + anyLong(r) + "-",
                r -> "bytes=-" + anyLong(r),
                r -> "bytes=" + anyLong(r) + "-" + anyLong(r),
                Generator.of("bytes=", "bytes=-", "bytes=0-0,0-0,0-0", "bytes=1-0", "items=0-1", "bytes=--1",
                        "bytes=18446744073709551616-", "bytes=0-" + "9".repeat(400)));
        Generator json = Generator.oneOf(junk,
                Generator.of("{", "}", "[]", "null", "0", "\"x\"", "{\"tenantId\":", "{\"sessionId\":1e400}",
                        "{\"tenantId\":\"" + tenant + "\",\"sessionId\":-0.0,\"recordId\":true}",
                        "{\"ttlSeconds\":1e99}", "{\"ttlSeconds\":\"300\"}", "{\"direction\":{}}", "{\"ani\":[[[[]]]]}",
                        "{\"connectTime\":\"2026-13-45T99:99:99Z\"}", "[".repeat(5000), "{\"a\":".repeat(3000),
                        "{\"ani\":\"a\\u0000b\"}", "{\"connectTime\":\"+999999999-12-31T23:59:59Z\"}",
                        "{\"conversation\":{\"tenantId\":\"" + tenant + "\",\"sessionId\":1001,\"recordList\":[{\"recordId\":1,"
                                + "\"sentenceList\":[{\"sequence\":\"x\"}]}]}}",
                        "{\"tenantId\":\"" + tenant + "\",\"sessionId\":1001,\"recordId\":1,\"from\":7,\"to\":[]}"));
        List<byte[]> audio = hostileAudio(wav, mp3, random);

        List<String> ids1 = ids.sample(random, REQUESTS);
        List<String> ids2 = ids.sample(random, REQUESTS);
        List<String> rangeSamples = ranges.sample(random, REQUESTS);
        List<String> jsonSamples = json.sample(random, REQUESTS);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String id = encode(ids1.get(i));
            String id2 = encode(ids2.get(i));
            String auth = switch (random.nextInt(6)) {
                case 0 -> "Bearer " + safe(ids2.get(i));
                case 1 -> "";
                default -> client.bearer();
            };
            String range = safe(rangeSamples.get(i));
            byte[] body = jsonSamples.get(i).getBytes(StandardCharsets.UTF_8);
            String t = random.nextInt(4) == 0 ? id2 : tenant;
            Request request = switch (random.nextInt(16)) {
                case 0 -> new Request("GET", "/v1/tenants/" + t + "/calls/" + id, null);
                case 1 -> new Request("GET", "/v1/tenants/" + t + "/calls?limit=" + id + "&cursor=" + id2 + "&from=" + id, null);
                case 2 -> new Request("GET", "/v1/tenants/" + t + "/recordings/" + id + "/audio?download=" + id2, null);
                case 3 -> new Request("PUT", "/v1/tenants/" + t + "/calls/" + id, body);
                // MP3 frames with garbage after them are acceptable audio by design: sent only where a segment exists
                case 4 -> random.nextBoolean()
                        ? new Request("PUT", "/v1/tenants/" + tenant + "/calls/1001/recordings/1", audio.get(random.nextInt(audio.size())))
                        : new Request("PUT", "/v1/tenants/" + t + "/calls/" + id + "/recordings/" + id2,
                                audio.get(random.nextInt(audio.size() - 1)));
                case 5 -> new Request("POST", "/v1/tenants/" + t + "/recordings/" + (random.nextBoolean() ? recording : id)
                        + "/playback-url", body);
                case 6 -> new Request("GET", "/v1/tenants/" + t + "/recordings/" + recording + "/audio?expires=" + id
                        + "&client=" + id2 + "&sig=" + id, null);
                case 7 -> new Request("POST", "/api/operation/operation/apply/token?appId=" + id + "&appSecret=" + id2
                        + "&type=" + id, null);
                case 8 -> new Request("GET", "/api/operation/tenant/calls/" + id + "/recordings2", null);
                case 9 -> new Request("GET", "/api/operation/tenant/recording/" + (random.nextBoolean() ? recording : id)
                        + "/stream2?download=" + id2, null);
                case 10 -> new Request("GET", "/api/operation/tenant/calls/" + (random.nextBoolean() ? "1001" : id)
                        + "/recording/stream", null);
                case 11, 12 -> new Request("POST", "/general/" + (random.nextBoolean() ? "v1" : id) + "/"
                        + (random.nextInt(3) == 0 ? id2 : client.sourceUuid()) + "/call/" + comdesign(random), body);
                case 13 -> new Request("POST", "/v1/admin/tenants", body);
                case 14 -> new Request("GET", "/v1/admin/access-log?tenant=" + id + "&cursor=" + id2 + "&kind=" + id, null);
                default -> new Request("DELETE", "/v1/tenants/" + t + "/calls/" + id + "/hold?reason=" + id2, null);
            };
            String authorization = request.path().startsWith("/general/") && !auth.isEmpty() ? client.apiKey() : auth;
            List<String> headers = new ArrayList<>(List.of("Range", range, "If-Range", safe(ids1.get(i)),
                    "Content-Type", random.nextBoolean() ? "application/json" : safe(ids2.get(i))));
            if (!authorization.isEmpty()) {
                headers.add("Authorization");
                headers.add(authorization);
            }
            URI uri;
            try {
                uri = URI.create(api.base() + request.path());
            } catch (IllegalArgumentException notAUri) {
                continue; // no client can send it
            }
            Api.Response response;
            try {
                response = api.send(request.method(), uri.toString(), request.body(), headers.toArray(String[]::new));
            } catch (RuntimeException e) {
                failures.add(request.method() + " " + request.path() + " → no answer: " + e);
                continue;
            }
            sent++;
            if (response.status() >= 500) {
                failures.add(request.method() + " " + request.path() + " → " + response.status() + " " + response.text());
            }
        }
        System.out.printf("hostile corpus (%s): %d requests sent, %d answered 5xx or not at all%n", Seeds.describe(seed),
                sent, failures.size());
        assertThat(failures).as(Seeds.describe(seed)).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(1000);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(snapshot(tenant, client, recording, recording2)).as("stored data after the corpus (" + Seeds.describe(seed) + ")")
                .containsExactlyEntriesOf(before);
    }

    private record Request(String method, String path, byte[] body) {
    }

    /** Draws one hostile value from the seeded random. */
    @FunctionalInterface
    private interface Generator {
        String next(Random random);

        default List<String> sample(Random random, int count) {
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(next(random));
            }
            return values;
        }

        static Generator of(String... values) {
            return random -> values[random.nextInt(values.length)];
        }

        static Generator oneOf(Generator... generators) {
            return random -> generators[random.nextInt(generators.length)].next(random);
        }
    }

    /** Any UTF-16 text: printable ASCII, control characters, and anything else of the BMP, surrogates included. */
    private static String anyString(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 5 ? (char) (0x20 + random.nextInt(0x5f)) : kind == 5 ? (char) random.nextInt(0x20)
                    : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }

    private static String stringOf(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Edge values as often as arbitrary ones. */
    private static long anyLong(Random random) {
        long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, 4000, 4044};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextLong();
    }

    private Map<String, Object> snapshot(String tenant, Api.Credentials client, String... recordings) {
        Map<String, Object> state = new LinkedHashMap<>();
        JsonView call = new JsonView(api.get("/v1/tenants/" + tenant + "/calls/1001", "Authorization", client.bearer()).text());
        state.put("call", call.withoutUpdatedAt());
        for (String id : recordings) {
            state.put(id, Arrays.hashCode(stored.bytes(id)) + ":" + stored.of(id));
        }
        state.put("rows", jdbc.sql("select count(*) from recordings where tenant_id = ?").param(tenant).query(Long.class).single());
        state.put("calls", jdbc.sql("select count(*) from calls where tenant_id = ? and id = '1001'").param(tenant)
                .query(Long.class).single());
        return state;
    }

    /** A call's JSON without updatedAt, which a rejected write never touches but a refused duplicate may. */
    private record JsonView(String json) {
        String withoutUpdatedAt() {
            return json.replaceAll("\"updatedAt\":\"[^\"]*\"", "");
        }
    }

    private static String comdesign(Random random) {
        String[] endpoints = {"audio_data", "history", "status", "speech_recognition_all/send", "speech_recognition_all",
                "speech_recognition"};
        return endpoints[random.nextInt(endpoints.length)];
    }

    private static List<byte[]> hostileAudio(byte[] wav, byte[] mp3, Random random) {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        bodies.add(Arrays.copyOf(wav, 30));
        bodies.add(Arrays.copyOf(wav, wav.length / 2));
        byte[] hugeFmt = wav.clone();
        ByteBuffer.wrap(hugeFmt).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0xFFFFFFF0);
        bodies.add(hugeFmt);
        byte[] fourGiB = wav.clone();
        ByteBuffer.wrap(fourGiB).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xFFFFFFFF).putInt(40, 0xFFFFFFFF);
        bodies.add(fourGiB);
        byte[] noise = new byte[20000];
        random.nextBytes(noise);
        bodies.add(noise);
        byte[] riffOnly = "RIFF\u0000\u0000\u0000\u0000WAVE".getBytes(StandardCharsets.ISO_8859_1);
        bodies.add(riffOnly);
        bodies.add("ID3\u0004\u0000\u0000\u007f\u007f\u007f\u007f".getBytes(StandardCharsets.ISO_8859_1));
        byte[] garbageAfterFrames = Arrays.copyOf(mp3, 500);
        for (int i = 200; i < garbageAfterFrames.length; i++) {
            garbageAfterFrames[i] = (byte) random.nextInt();
        }
        bodies.add(garbageAfterFrames); // last: the one body that is acceptable audio
        return bodies;
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A header value the HTTP client can send: printable ASCII only. */
    private static String safe(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?").strip();
        return printable.isEmpty() ? "x" : printable;
    }
}
