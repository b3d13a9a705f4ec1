package io.callvault.dialect.comdesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ComdesignHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;

    @BeforeEach
    void tenant() {
        tenant = api.tenant("05053698341");
        client = api.readWriteClient(tenant);
    }

    private Api.Response post(Api.Credentials c, String path, String json) {
        return api.json("POST", "/general/v1/" + c.sourceUuid() + "/call/" + path, json, "Authorization", c.apiKey());
    }

    /** audio_data, after letting the allowance refill, so that tests of other rules are not limited by it. */
    private Api.Response audioData(Api.Credentials c, String json) {
        clock.advance(Duration.ofMinutes(1));
        return post(c, "audio_data", json);
    }

    private static void assertError(Api.Response r, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.get("status").asString()).isEqualTo("error");
        assertThat(body.get("errorCode").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).isNotBlank();
    }

    private void completedCall(long sessionId, Instant connect, Instant disconnect) {
        assertThat(post(client, "status", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":" + sessionId
                + ",\"status\":\"connected\",\"direction\":0,\"ani\":\"08075082398\",\"dnis\":\"05053698333\","
                + "\"agentId\":\"F99971353\",\"agentName\":\"コムデザイン一郎\",\"skillName\":\"着信スキル名1\","
                + "\"groupId\":\"0368509999@0368939999\",\"groupName\":\"局番スキル名1\",\"connectTime\":\"" + connect + "\"}")
                .json().get("status").asString()).isEqualTo("complete");
        assertThat(post(client, "status", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":" + sessionId
                + ",\"status\":\"disconnected\",\"disconnectTime\":\"" + disconnect + "\"}").json().get("status").asString())
                .isEqualTo("complete");
    }

    @Test
    void audioDataIsMetadataThenAudioAsMultipart() throws Exception {
        Instant connect = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).plusMillis(123);
        completedCall(942125, connect, connect.plusSeconds(280).plusMillis(447));
        byte[] audio = TestAudio.mulaw(8000, 1, 16000);
        api.upload(client, tenant, "942125", 1, audio);

        Api.Response r = audioData(client, "{\"tenantId\":\"" + tenant + "\",\"sessionId\":942125,\"recordId\":1,\"extra\":true}");
        assertThat(r.status()).isEqualTo(200);
        String contentType = r.header("Content-Type").orElseThrow();
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        assertThat(r.header("Content-Length")).hasValue(String.valueOf(r.body().length));

        MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(r.body(), contentType));
        assertThat(multipart.getCount()).isEqualTo(2);
        BodyPart metadata = multipart.getBodyPart(0);
        assertThat(metadata.getHeader("Content-Disposition")[0]).isEqualTo("form-data; name=\"metadata\"");
        assertThat(metadata.getContentType()).startsWith("application/json");
        JsonNode m;
        try (InputStream in = metadata.getInputStream()) {
            m = Api.JSON.readTree(in.readAllBytes());
        }
        assertThat(m.get("status").asString()).isEqualTo("complete");
        assertThat(m.get("tenantId").asString()).isEqualTo(tenant);
        assertThat(m.get("sessionId").isIntegralNumber()).isTrue();
        assertThat(m.get("sessionId").asLong()).isEqualTo(942125);
        assertThat(m.get("recordId").asInt()).isEqualTo(1);
        assertThat(m.get("direction").asInt()).isZero();
        assertThat(m.get("ani").asString()).isEqualTo("08075082398");
        assertThat(m.get("dnis").asString()).isEqualTo("05053698333");
        assertThat(m.get("agentId").asString()).isEqualTo("F99971353");
        assertThat(m.get("agentName").asString()).isEqualTo("コムデザイン一郎");
        assertThat(m.get("skillName").asString()).isEqualTo("着信スキル名1");
        assertThat(m.get("groupId").asString()).isEqualTo("0368509999@0368939999");
        assertThat(m.get("groupName").asString()).isEqualTo("局番スキル名1");
        // always three digits of milliseconds, as CT-e1 prints them (Instant.toString leaves them out when they are zero)
        assertThat(m.get("connectTime").asString()).isEqualTo(java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(connect))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(m.get("disconnectTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        BodyPart audioPart = multipart.getBodyPart(1);
        assertThat(audioPart.getHeader("Content-Disposition")[0])
                .isEqualTo("form-data; name=\"audioFile\"; filename=\"" + tenant + "_942125_1.wav\"");
        assertThat(audioPart.getContentType()).isEqualTo("audio/wav");
        try (InputStream in = audioPart.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(audio);
        }
        assertThat(audited().sql("select count(*) from access_log where tenant_id = ? and via = 'comdesign'").param(tenant)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void everyFailureOfAudioData() {
        Instant now = Instant.now();
        completedCall(1, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)).plusSeconds(60));
        completedCall(2, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(30)).plusSeconds(60));
        post(client, "status", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":3,\"status\":\"connected\"}");
        for (String session : List.of("1", "2", "3")) {
            api.upload(client, tenant, session, 1, TestAudio.pcm16(8000, 1, 800));
        }
        String t = "\"tenantId\":\"" + tenant + "\"";

        assertError(audioData(client, "{" + t + ",\"sessionId\":1,\"recordId\":1}"), "AUDIO_EXPIRED");
        assertThat(audioData(client, "{" + t + ",\"sessionId\":2,\"recordId\":1}").status()).isEqualTo(200);
        assertError(audioData(client, "{" + t + ",\"sessionId\":3,\"recordId\":1}"), "CALL_NOT_COMPLETED");

        assertError(audioData(client, "{" + t + ",\"sessionId\":99,\"recordId\":1}"), "INVALID_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":2,\"recordId\":7}"), "INVALID_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":-2,\"recordId\":1}"), "INVALID_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":2,\"recordId\":0}"), "INVALID_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":99999999999999999999999,\"recordId\":1}"), "INVALID_PARAMETER");
        assertError(api.json("POST", "/general/v9/" + client.sourceUuid() + "/call/audio_data",
                "{" + t + ",\"sessionId\":2,\"recordId\":1}", "Authorization", client.apiKey()), "INVALID_PARAMETER");

        assertError(audioData(client, "{" + t + ",\"recordId\":1}"), "MISSING_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":\"2\",\"recordId\":1}"), "MISSING_PARAMETER");
        assertError(audioData(client, "{\"tenantId\":null,\"sessionId\":2,\"recordId\":1}"), "MISSING_PARAMETER");
        assertError(audioData(client, "{\"tenantId\":5,\"sessionId\":2,\"recordId\":1}"), "MISSING_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":2,\"recordId\":1.5}"), "MISSING_PARAMETER");
        assertError(audioData(client, "{" + t + ",\"sessionId\":2"), "MISSING_PARAMETER");
        assertError(audioData(client, "[1,2]"), "MISSING_PARAMETER");
        assertError(audioData(client, null), "MISSING_PARAMETER");

        String other = api.tenant("other");
        api.readWriteClient(other);
        assertError(audioData(client, "{\"tenantId\":\"" + other + "\",\"sessionId\":2,\"recordId\":1}"), "TENANT_NOT_PERMITTED");
    }

    /** 31日以上前: a call that ended exactly 31 × 24 h ago is expired, a second later than that it is served. */
    @Test
    void thirtyOneDaysOrMoreIsExpired() {
        Instant now = clock.freeze();
        completedCall(41, now.minus(Duration.ofDays(31)).minusSeconds(60), now.minus(Duration.ofDays(31)));
        completedCall(42, now.minus(Duration.ofDays(31)).minusSeconds(59), now.minus(Duration.ofDays(31)).plusSeconds(1));
        for (String session : List.of("41", "42")) {
            api.upload(client, tenant, session, 1, TestAudio.pcm16(8000, 1, 80));
        }
        String t = "\"tenantId\":\"" + tenant + "\"";
        assertError(audioData(client, "{" + t + ",\"sessionId\":41,\"recordId\":1}"), "AUDIO_EXPIRED");
        assertThat(audioData(client, "{" + t + ",\"sessionId\":42,\"recordId\":1}").status()).isEqualTo(200);
    }

    /** The vendor's own push sends {@code "completed": 1}; 0, 1, true and false are all the vendor's flag. */
    @Test
    void theCompletedFlagIsTakenAsTheVendorSendsIt() {
        for (String flag : List.of("1", "0", "true", "false")) {
            String body = push(60, "flag " + flag).replace("\"completed\":true", "\"completed\":" + flag);
            assertThat(post(client, "speech_recognition_all/send", body).json().get("status").asString()).as(flag)
                    .isEqualTo("complete");
        }
        assertError(post(client, "speech_recognition_all/send", push(60, "x").replace("\"completed\":true",
                "\"completed\":2")), "MISSING_PARAMETER");
    }

    /** Hours of transcript: 6,000 sentences (1.65 MB) are taken whole; past the 16 MB limit, a clear refusal. */
    @Test
    void aLongCallsTranscriptIsTakenWhole() {
        StringBuilder sentences = new StringBuilder();
        for (int i = 1; i <= 6000; i++) {
            sentences.append(i == 1 ? "" : ",").append("{\"sequence\":").append(i).append(",\"speakerId\":").append(1 + i % 2)
                    .append(",\"startTime\":").append(i * 1500).append(",\"endTime\":").append(i * 1500 + 1200)
                    .append(",\"text\":\"").append("お電話ありがとうございます。ご用件をお伺いします。請求書の件でしょうか。".repeat(2)).append(i)
                    .append("\"}");
        }
        String body = "{\"conversation\":{\"status\":\"complete\",\"tenantId\":\"" + tenant + "\",\"sessionId\":70,"
                + "\"direction\":0,\"completed\":1,\"recordList\":[{\"recordId\":1,\"sentenceList\":[" + sentences
                + "]}],\"description\":\"long\"}}";
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(1_650_000);
        assertThat(post(client, "speech_recognition_all/send", body).json().get("status").asString()).isEqualTo("complete");
        JsonNode record = post(client, "speech_recognition", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":70,\"recordId\":1}")
                .json();
        assertThat(record.get("sentenceList")).hasSize(6000);
        assertThat(record.get("sentenceList").get(5999).get("text").asString()).endsWith("6000");

        String tooLong = "{\"conversation\":{\"tenantId\":\"" + tenant + "\",\"sessionId\":71,\"recordList\":[],"
                + "\"description\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}}";
        assertError(post(client, "speech_recognition_all/send", tooLong), "INVALID_PARAMETER");
    }

    @Test
    void missingOrForeignKeysAre401WithABodyThatDoesNotSayWhich() {
        Api.Credentials stranger = api.readWriteClient(tenant);
        String json = "{\"tenantId\":\"" + tenant + "\",\"sessionId\":1,\"recordId\":1}";
        String path = "/general/v1/" + client.sourceUuid() + "/call/audio_data";
        java.util.Set<String> messages = new java.util.HashSet<>();
        for (Api.Response r : List.of(
                api.json("POST", path, json),
                api.json("POST", path, json, "Authorization", "wrong-key"),
                api.json("POST", path, json, "Authorization", stranger.apiKey()),
                api.json("POST", "/general/v1/" + java.util.UUID.randomUUID() + "/call/audio_data", json,
                        "Authorization", client.apiKey()))) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isPresent();
            assertThat(r.json().get("status").asString()).isEqualTo("error");
            assertThat(r.json().get("errorCode").asString()).isEqualTo("UNAUTHORIZED");
            assertThat(r.json().get("message").asString()).startsWith("認証エラー");
            messages.add(r.json().get("message").asString());
        }
        assertThat(messages).as("one message, whichever part was wrong").hasSize(1);
        assertThat(api.json("POST", path, json, "Authorization", client.bearer()).status()).isEqualTo(200);
    }

    @Test
    void theAllowanceIsABurstThenOnePerInterval() {
        Instant now = Instant.now();
        completedCall(5, now.minusSeconds(600), now.minusSeconds(60));
        api.upload(client, tenant, "5", 1, TestAudio.pcm16(8000, 1, 80));
        String json = "{\"tenantId\":\"" + tenant + "\",\"sessionId\":5,\"recordId\":1}";
        for (int i = 0; i < 5; i++) {
            assertThat(post(client, "audio_data", json).header("Content-Type").orElseThrow()).as("request " + i)
                    .startsWith("multipart/form-data");
        }
        Api.Response limited = post(client, "audio_data", json);
        assertError(limited, "TOO_MANY_REQUESTS");
        assertThat(limited.header("Retry-After")).hasValue("5");
        // another client of the same tenant has its own allowance
        assertThat(post(api.readWriteClient(tenant), "audio_data", json).header("Content-Type").orElseThrow())
                .startsWith("multipart/form-data");
        clock.advance(Duration.ofSeconds(3));
        assertThat(post(client, "audio_data", json).header("Retry-After")).hasValue("2");
        clock.advance(Duration.ofSeconds(2));
        assertThat(post(client, "audio_data", json).header("Content-Type").orElseThrow()).startsWith("multipart/form-data");
        assertError(post(client, "audio_data", json), "TOO_MANY_REQUESTS");
    }

    @Test
    void statusNotificationsDriveTheCall() {
        String t = "\"tenantId\":\"" + tenant + "\"";
        assertThat(post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"ringing\",\"direction\":1,\"ani\":\"0311\"}")
                .json().get("status").asString()).isEqualTo("complete");
        JsonNode call = api.get("/v1/tenants/" + tenant + "/calls/77", "Authorization", client.bearer()).json();
        assertThat(call.get("direction").asString()).isEqualTo("Outbound");
        assertThat(call.get("connectTime").isNull()).isTrue();
        post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"connected\"}");
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/77", "Authorization", client.bearer()).json()
                .get("connectTime").isNull()).isFalse();
        post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"disconnected\"}");
        call = api.get("/v1/tenants/" + tenant + "/calls/77", "Authorization", client.bearer()).json();
        assertThat(call.get("complete").asBoolean()).isTrue();
        assertThat(call.get("ani").asString()).isEqualTo("0311");

        assertError(post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"exploded\"}"), "INVALID_PARAMETER");
        assertError(post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"ringing\",\"direction\":9}"), "INVALID_PARAMETER");
        assertError(post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"ringing\",\"direction\":\"0\"}"), "MISSING_PARAMETER");
        assertError(post(client, "status", "{" + t + ",\"sessionId\":77}"), "MISSING_PARAMETER");
        assertError(post(client, "status", "{" + t + ",\"sessionId\":77,\"status\":\"ringing\",\"connectTime\":\"noon\"}"),
                "INVALID_PARAMETER");
        Api.Credentials reader = api.client(List.of(tenant), "read");
        assertError(post(reader, "status", "{" + t + ",\"sessionId\":78,\"status\":\"ringing\"}"), "TENANT_NOT_PERMITTED");
    }

    @Test
    void historyListsSessionsNewestFirstWithTheirRecords() {
        Instant base = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 1; i <= 5; i++) {
            completedCall(100 + i, base.plusSeconds(60L * i), base.plusSeconds(60L * i + 30));
        }
        api.upload(client, tenant, "103", 1, TestAudio.pcm16(8000, 1, 8000));
        api.putRecording(client, tenant, "103", 2, null, "state=Fail");
        // calls that are not sessions, newer than all of them: a page of them must not come back empty
        for (String notASession : List.of("not-a-session", "0105", "9223372036854775808", "12a", "-7")) {
            api.json("PUT", "/v1/tenants/" + tenant + "/calls/" + notASession, "{\"connectTime\":\"" + base.plusSeconds(2000)
                    + "\"}", "Authorization", client.bearer());
        }
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/9223372036854775807", "{\"connectTime\":\"" + base.plusSeconds(1000)
                + "\"}", "Authorization", client.bearer());

        List<Long> sessions = new ArrayList<>();
        String cursor = null;
        JsonNode call103 = null;
        do {
            JsonNode page = post(client, "history", "{\"tenantId\":\"" + tenant + "\",\"from\":\"" + base + "\",\"to\":\""
                    + base.plusSeconds(3600) + "\",\"limit\":2" + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}").json();
            assertThat(page.get("status").asString()).isEqualTo("complete");
            assertThat(page.get("calls")).as("a page of history is never empty when more follow").isNotEmpty();
            for (JsonNode call : page.get("calls")) {
                sessions.add(call.get("sessionId").asLong());
                assertThat(call.get("status").asString()).isEqualTo(call.get("sessionId").asLong() == Long.MAX_VALUE
                        ? "connected" : "complete");
                if (call.get("sessionId").asLong() == 103) {
                    call103 = call;
                }
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(sessions).containsExactly(Long.MAX_VALUE, 105L, 104L, 103L, 102L, 101L);
        assertThat(call103.get("agentName").asString()).isEqualTo("コムデザイン一郎");
        assertThat(call103.get("recordList")).hasSize(2);
        assertThat(call103.get("recordList").get(0).get("recordId").asInt()).isEqualTo(1);
        assertThat(call103.get("recordList").get(0).get("durationMs").asLong()).isEqualTo(1000);
        assertThat(call103.get("recordList").get(1).get("state").asString()).isEqualTo("Fail");

        assertError(post(client, "history", "{\"tenantId\":\"" + tenant + "\",\"to\":\"" + base + "\"}"), "MISSING_PARAMETER");
        assertError(post(client, "history", "{\"tenantId\":\"" + tenant + "\",\"from\":\"x\",\"to\":\"y\"}"), "INVALID_PARAMETER");
        assertError(post(client, "history", "{\"tenantId\":\"" + tenant + "\",\"from\":\"" + base + "\",\"to\":\"" + base
                + "\",\"cursor\":\"bogus\"}"), "INVALID_PARAMETER");
        assertError(post(client, "history", "{\"tenantId\":\"" + tenant + "\",\"from\":\"" + base + "\",\"to\":\"" + base
                + "\",\"limit\":0}"), "INVALID_PARAMETER");
    }

    private String push(long sessionId, String firstText) {
        return """
                {"conversation":{"status":"complete","tenantId":"%s","sessionId":%d,"direction":0,
                 "connectTime":"2026-01-04T11:22:33.123Z","disconnectTime":"2026-01-04T11:27:13.570Z","completed":true,
                 "recordList":[
                  {"recordId":1,"ani":"08075082398","dnis":"05053698333","agentId":"F99971353","agentName":"コムデザイン一郎",
                   "sentenceList":[
                    {"sequence":1,"speakerId":2,"startTime":0,"endTime":1850,"text":"%s"},
                    {"sequence":2,"speakerId":1,"startTime":2100.5,"endTime":4000,"text":"請求書の件で電話しました。😀"}]},
                  {"recordId":2,"ani":"08075082398","dnis":"05053698333","agentId":"F99971353","agentName":"コムデザイン一郎",
                   "sentenceList":[{"sequence":1,"speakerId":2,"startTime":0,"endTime":900,"text":"少々お待ちください。"}]}],
                 "description":"請求に関する問い合わせ"}}""".formatted(tenant, sessionId, firstText);
    }

    @Test
    void transcriptsRoundTripUnchangedAndAreReplacedWhenSentAgain() {
        assertThat(post(client, "speech_recognition_all/send", push(555, "お電話ありがとうございます。")).json().get("status")
                .asString()).isEqualTo("complete");
        JsonNode all = post(client, "speech_recognition_all", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":555}").json();
        JsonNode conversation = all.get("conversation");
        assertThat(conversation.get("tenantId").asString()).isEqualTo(tenant);
        assertThat(conversation.get("sessionId").asLong()).isEqualTo(555);
        assertThat(conversation.get("direction").asInt()).isZero();
        assertThat(conversation.get("connectTime").asString()).isEqualTo("2026-01-04T11:22:33.123Z");
        assertThat(conversation.get("disconnectTime").asString()).isEqualTo("2026-01-04T11:27:13.570Z");
        assertThat(conversation.get("completed").asBoolean()).isTrue();
        assertThat(conversation.get("description").asString()).isEqualTo("請求に関する問い合わせ");
        JsonNode records = conversation.get("recordList");
        assertThat(records).hasSize(2);
        JsonNode first = records.get(0);
        assertThat(first.get("agentName").asString()).isEqualTo("コムデザイン一郎");
        assertThat(first.get("sentenceList").get(0).get("text").asString()).isEqualTo("お電話ありがとうございます。");
        assertThat(first.get("sentenceList").get(1).get("text").asString()).isEqualTo("請求書の件で電話しました。😀");
        assertThat(first.get("sentenceList").get(1).get("speakerId").asInt()).isEqualTo(1);
        assertThat(first.get("sentenceList").get(1).get("startTime").decimalValue()).isEqualByComparingTo("2100.5");
        assertThat(first.get("sentenceList").get(0).get("endTime").asLong()).isEqualTo(1850);

        post(client, "speech_recognition_all/send", push(555, "改めまして、こんにちは。"));
        JsonNode one = post(client, "speech_recognition", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":555,\"recordId\":1}").json();
        assertThat(one.get("status").asString()).isEqualTo("complete");
        assertThat(one.get("recordId").asInt()).isEqualTo(1);
        assertThat(one.get("sentenceList")).hasSize(2);
        assertThat(one.get("sentenceList").get(0).get("text").asString()).isEqualTo("改めまして、こんにちは。");

        // the transcript belongs to the core catalog: the native API reads it through the recording
        String recording = api.upload(client, tenant, "555", 2, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        JsonNode nativeView = api.get("/v1/tenants/" + tenant + "/recordings/" + recording + "/transcript",
                "Authorization", client.bearer()).json();
        assertThat(nativeView.get("recordId").asInt()).isEqualTo(2);
        assertThat(nativeView.get("sentences").get(0).get("text").asString()).isEqualTo("少々お待ちください。");
        assertThat(nativeView.get("sentences").get(0).get("speaker").asString()).isEqualTo("agent");
        String bare = api.upload(client, tenant, "555", 3, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + bare + "/transcript", "Authorization", client.bearer())
                .status()).isEqualTo(404);

        assertError(post(client, "speech_recognition", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":555,\"recordId\":9}"),
                "INVALID_PARAMETER");
        assertError(post(client, "speech_recognition_all", "{\"tenantId\":\"" + tenant + "\",\"sessionId\":556}"),
                "INVALID_PARAMETER");
        assertError(post(client, "speech_recognition_all/send", "{\"conversation\":{\"tenantId\":\"" + tenant
                + "\",\"sessionId\":557,\"recordList\":[{\"recordId\":1,\"sentenceList\":[{\"sequence\":1,\"speakerId\":1}]}]}}"),
                "MISSING_PARAMETER");
        assertError(post(client, "speech_recognition_all/send", "{\"tenantId\":\"" + tenant + "\"}"), "MISSING_PARAMETER");
    }

    @Test
    void anotherTenantsDataIsNeverShown() {
        String other = api.tenant("victim");
        Api.Credentials victim = api.readWriteClient(other);
        post(victim, "speech_recognition_all/send", push(900, "秘密").replace(tenant, other));
        api.upload(victim, other, "900", 1, TestAudio.pcm16(8000, 1, 800));
        String json = "{\"tenantId\":\"" + other + "\",\"sessionId\":900,\"recordId\":1,\"from\":\"2020-01-01T00:00:00Z\","
                + "\"to\":\"2030-01-01T00:00:00Z\"}";
        for (String endpoint : List.of("audio_data", "history", "speech_recognition", "speech_recognition_all")) {
            Api.Response r = endpoint.equals("audio_data") ? audioData(client, json) : post(client, endpoint, json);
            assertError(r, "TENANT_NOT_PERMITTED");
            assertThat(r.text()).doesNotContain("秘密").doesNotContain("コムデザイン");
        }
        assertError(post(client, "status", "{\"tenantId\":\"" + other + "\",\"sessionId\":900,\"status\":\"ringing\"}"),
                "TENANT_NOT_PERMITTED");
    }
}
