package io.callvault.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callvault.CallVaultApplication;
import io.callvault.support.Api;
import io.callvault.support.Browser;
import io.callvault.support.Chromium;
import io.callvault.support.LiveAudio;
import io.callvault.support.LiveClient;
import io.callvault.support.TcpProxy;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;
import io.callvault.support.TestS3;
import io.lettuce.core.RedisClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * Two stateless nodes over one PostgreSQL, one S3 store and one Redis: whatever one node wrote or issued, the
 * other serves and honours, a person's session is one session on both, and the Comdesign allowance is one
 * allowance across both.
 */
class TwoNodesTest {

    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String ADMIN = "two-nodes-admin";
    private static final String SCHEMA = "cv_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    /** Both nodes reach Redis through it, so that a test can take Redis away for a while. */
    private static TcpProxy redisProxy;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void start() throws Exception {
        requireServices();
        redisProxy = new TcpProxy(6379);
        nodeA = node("a");
        nodeB = node("b");
        a = api(nodeA);
        b = api(nodeB);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (redisProxy != null) {
            redisProxy.close();
        }
        if (nodeA != null) {
            try (Connection c = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, "")) {
                c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    @Test
    void whatOneNodeDoesTheOtherServes() {
        String tenant = a.tenant("nodes");
        Api.Credentials client = a.readWriteClient(tenant);
        byte[] audio = TestAudio.pcm16(8000, 1, 8000);
        String id = a.upload(client, tenant, "1001", 1, audio).get("id").asString();

        assertThat(b.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer()).body())
                .isEqualTo(audio);
        Api.Response ranged = b.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization",
                client.bearer(), "Range", "bytes=44-143");
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.body()).isEqualTo(java.util.Arrays.copyOfRange(audio, 44, 144));

        String token = a.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).json().get("token").asString();
        assertThat(b.get("/api/operation/tenant/calls/1001/recordings2", "Authorization", token).status()).isEqualTo(200);
        String url = a.json("POST", "/v1/tenants/" + tenant + "/recordings/" + id + "/playback-url", "{}",
                "Authorization", client.bearer()).json().get("url").asString();
        assertThat(b.get(b.base() + url.substring(url.indexOf("/v1/"))).body()).isEqualTo(audio);
        // the same bytes through the other node: one recording, not two
        assertThat(b.putRecording(client, tenant, "1001", 1, audio, null).status()).isEqualTo(200);
    }

    /**
     * Each node keeps authenticated clients and recording rows in memory; a change made through one node must reach
     * the other's memory when it commits (contract 1: a revoked client's credentials fail at once).
     */
    @Test
    void aRevocationThroughOneNodeShutsTheOtherAtOnce() {
        String tenant = a.tenant("revoke");
        Api.Credentials client = a.readWriteClient(tenant);
        a.upload(client, tenant, "2001", 1, TestAudio.pcm16(8000, 1, 800));
        String token = a.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).json().get("token").asString();
        String calls = "/v1/tenants/" + tenant + "/calls/2001";
        String wellcloud = "/api/operation/tenant/calls/2001/recordings2";
        for (int i = 0; i < 3; i++) {
            assertThat(b.get(calls, "Authorization", client.bearer()).status()).isEqualTo(200);
            assertThat(b.get(wellcloud, "Authorization", token).status()).isEqualTo(200);
        }

        assertThat(a.admin("DELETE", "/v1/admin/clients/" + client.clientId(), null).status()).isEqualTo(204);

        assertThat(a.get(calls, "Authorization", client.bearer()).status()).isEqualTo(401);
        assertThat(statusOnceSettled(() -> b.get(calls, "Authorization", client.bearer()).status(), 401)).isEqualTo(401);
        assertThat(b.get(wellcloud, "Authorization", token).status()).isEqualTo(401);
    }

    @Test
    void aRecordingDeletedThroughOneNodeIsGoneFromTheOther() {
        String tenant = a.tenant("forget");
        Api.Credentials client = a.custodian(tenant);
        String id = a.upload(client, tenant, "3001", 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        String recording = "/v1/tenants/" + tenant + "/recordings/" + id;
        for (int i = 0; i < 3; i++) {
            assertThat(b.get(recording, "Authorization", client.bearer()).status()).isEqualTo(200);
        }

        assertThat(a.send("DELETE", recording + "?reason=test", null, "Authorization", client.bearer()).status())
                .isEqualTo(204);

        assertThat(statusOnceSettled(() -> b.get(recording, "Authorization", client.bearer()).status(), 404)).isEqualTo(404);
        assertThat(b.get(recording + "/audio", "Authorization", client.bearer()).status()).isEqualTo(404);
    }

    /**
     * Contract 7 behind a load balancer, which sends a browser's requests to any node: a person signed in through one
     * node is signed in on the other; a new password set through one node ends the session on both, at once; and
     * signing out through one node ends it on the other.
     */
    @Test
    void aPersonsSessionIsOneSessionOnBothNodes() {
        String tenant = a.tenant("people");
        String username = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        Api.Response made = a.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + "correct horse battery\",\"grants\":[{\"tenant\":\"" + tenant + "\",\"role\":\"listener\"}]}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        Browser throughA = new Browser(port(nodeA));
        Browser throughB = throughA.atPort(port(nodeB));

        assertThat(throughA.signIn(username, "correct horse battery")).isEqualTo("/");
        assertThat(throughB.get("/v1/me").status()).as("signed in through a, answered by b").isEqualTo(200);
        assertThat(throughB.get("/v1/tenants/" + tenant + "/calls").status()).isEqualTo(200);

        Api.Response changed = b.admin("PUT", "/v1/admin/users/" + username, "{\"password\":\"another long password\"}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(throughA.get("/v1/me").status()).as("the password changed through b ends the session on a")
                .isEqualTo(401);
        assertThat(throughB.get("/v1/me").status()).isEqualTo(401);

        assertThat(throughB.signIn(username, "another long password")).isEqualTo("/");
        assertThat(throughA.get("/v1/me").status()).isEqualTo(200);
        Api.Response out = throughA.send("POST", "/logout", "_csrf=" + throughA.csrfToken().orElseThrow(),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(out.status()).isEqualTo(302);
        assertThat(throughB.get("/v1/me").status()).as("signed out through a, asked of b").isEqualTo(401);
    }

    /**
     * Contract 6.4 behind a load balancer: a supervisor's listen reaches a node other than the one capturing the call
     * (CT-e1 here), and hears it through Redis from the live edge, or from the start, every byte, then the end.
     */
    @Test
    void aCallCapturedByOneNodeIsHeardLiveThroughTheOther() {
        String tenant = a.tenant("listen");
        Api.Credentials platform = a.client(List.of(tenant), "ingest");
        Api.Credentials supervisor = a.client(List.of(tenant), "read");
        byte[] audio = LiveAudio.call(43, 2.0, 1, false);
        String live = "/v1/tenants/" + tenant + "/calls/4001/live";
        LiveClient[] throughB = new LiveClient[2];
        callIntoA(platform, 4001, audio, Map.of(40, () -> {
            throughB[0] = LiveClient.connect(port(nodeB), live, "Authorization", supervisor.bearer());
            JsonNode header = throughB[0].nextJson();
            assertThat(header.get("codec").asString()).isEqualTo("L16");
            assertThat(header.get("sampleRate").asInt()).isEqualTo(8000);
            assertThat(header.get("channels").asInt()).isEqualTo(1);
            assertThat(header.get("position").asLong()).isBetween(600L, 1000L);
            throughB[1] = LiveClient.connect(port(nodeB), live + "?from=start", "Authorization", supervisor.bearer());
            assertThat(throughB[1].nextJson().get("position").asLong()).isZero();
        }));
        byte[] heard = restThenTheEnd(throughB[0], audio, "from the live edge on, every byte");
        assertThat(heard.length).isBetween(audio.length - 1000 * 16, audio.length - 600 * 16);
        assertThat(restThenTheEnd(throughB[1], audio, "from the start: what node a captured before, read from its disk,"
                + " then the rest as it came")).hasSameSizeAs(audio);
    }

    /**
     * Redis goes away in the middle of a relayed call, for longer than node b waits for a word of a relayed call
     * before taking its capturing node for gone (its idle timeout, 8 s here, and 5 s): what node a published
     * meanwhile was lost, and both nodes' subscriptions with it, but node b could not hear, so the call is not over
     * for it. When Redis is back the listener through node b still hears every byte in order (what was lost is read
     * from node a's disk in its place), then the end: a gap, never a jump.
     */
    @Test
    void aListenerThroughTheOtherNodeMissesNothingWhenRedisIsAwayForAWhile() {
        String tenant = a.tenant("outage");
        Api.Credentials platform = a.client(List.of(tenant), "ingest");
        Api.Credentials supervisor = a.client(List.of(tenant), "read");
        byte[] audio = LiveAudio.call(47, 26.0, 1, false);
        int joinedAt = 25;
        LiveClient[] throughB = new LiveClient[1];
        callIntoA(platform, 4002, audio, Map.of(joinedAt, () -> {
            throughB[0] = LiveClient.connect(port(nodeB), "/v1/tenants/" + tenant + "/calls/4002/live",
                    "Authorization", supervisor.bearer());
            assertThat(throughB[0].nextJson().get("codec").asString()).isEqualTo("L16");
        }, 100, () -> redisProxy.outage(Duration.ofSeconds(20))));
        byte[] heard = restThenTheEnd(throughB[0], audio, "every byte, in order, across the outage");
        assertThat(heard.length).as("from the live edge at %d frames on", joinedAt)
                .isBetween(audio.length - joinedAt * 320, audio.length - (joinedAt - 10) * 320);
    }

    /**
     * Redis holds nothing a node cannot do without for a while: while it is away the nodes answer at once, each
     * counting its limits on its own (a Comdesign request, a client's first request on a node, a wrong key), and
     * none waits for Redis or answers 500.
     */
    @Test
    void theNodesAnswerAtOnceWhileRedisIsAway() throws Exception {
        String tenant = a.tenant("away");
        Api.Credentials client = a.readWriteClient(tenant);
        completedComdesignCall(tenant, client, 43);
        Api.Credentials newcomer = a.client(List.of(tenant), "read");
        String json = "{\"tenantId\":\"" + tenant + "\",\"sessionId\":43,\"recordId\":1}";

        redisProxy.outage(Duration.ofSeconds(6));
        long start = System.nanoTime();
        assertThat(audioData(b, client, json).header("Content-Type").orElseThrow())
                .as("a Comdesign request, its allowance counted on node b alone").startsWith("multipart/form-data");
        assertThat(b.get("/v1/tenants/" + tenant + "/calls/43", "Authorization", newcomer.bearer()).status())
                .as("a client's first request on node b").isEqualTo(200);
        assertThat(b.get("/v1/tenants/" + tenant + "/calls/43", "Authorization", "Bearer not-a-key").status())
                .isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("none waited for Redis")
                .isLessThan(Duration.ofSeconds(3));
    }

    /** Something the test does while the call goes on, before the frame it is keyed by. */
    private interface DuringCall {

        void run() throws Exception;
    }

    /** A CT-e1 call of L16 8 kHz mono into node A, in real time by 20 ms frames, then its end. */
    private static void callIntoA(Api.Credentials platform, int callId, byte[] audio, Map<Integer, DuringCall> atFrame) {
        byte[][] frames = LiveAudio.frames(audio, 16, 20);
        try (LiveClient cte1 = LiveClient.connect(port(nodeA), "/general/v1/audio_streaming/audio/ws", "Authorization",
                platform.apiKey())) {
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":" + callId + "}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            long start = System.nanoTime();
            for (int i = 0; i < frames.length; i++) {
                LiveAudio.pace(start, i * 20L);
                DuringCall action = atFrame.get(i);
                if (action != null) {
                    action.run();
                }
                cte1.binary(frames[i]);
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            cte1.closeCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the listener heard, once it heard the end: the call's last bytes, every one in order. */
    private static byte[] restThenTheEnd(LiveClient listener, byte[] audio, String what) {
        JsonNode end = listener.nextJson();
        assertThat(end.get("type").asString()).isEqualTo("end");
        assertThat(end.get("state").asString()).isEqualTo("Success");
        assertThat(listener.closeCode()).isEqualTo(1000);
        byte[] heard = listener.receivedBinary();
        assertThat(Arrays.equals(heard, Arrays.copyOfRange(audio, audio.length - heard.length, audio.length)))
                .as(what).isTrue();
        return heard;
    }

    /**
     * The same, as a person does it: signed in to the web player in a real Chromium through node B, listening from
     * its live page to a call node A captures; the page plays what arrives, then shows the end.
     */
    @Test
    void aPersonOnOneNodesPageListensToACallTheOtherCaptures() throws Exception {
        Chromium.assumeInstalled();
        String tenant = a.tenant("page");
        Api.Credentials platform = a.client(List.of(tenant), "ingest");
        String username = "p" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        assertThat(a.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + "correct horse battery\",\"grants\":[{\"tenant\":\"" + tenant + "\",\"role\":\"listener\"}]}")
                .status()).isEqualTo(201);
        byte[][] frames = LiveAudio.frames(LiveAudio.call(9, 8.0, 1, false), 16, 20);
        ChromeDriver browser = Chromium.start();
        try (LiveClient cte1 = LiveClient.connect(port(nodeA), "/general/v1/audio_streaming/audio/ws", "Authorization",
                platform.apiKey())) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            cte1.text("{\"type\":\"startRecord\",\"recordId\":\"a\",\"sessionId\":5001}");
            assertThat(cte1.nextJson().get("status").asString()).isEqualTo("complete");
            try (LiveAudio.PacedSender platformSends = new LiveAudio.PacedSender(cte1, frames, 20)) {
                browser.get("http://127.0.0.1:" + port(nodeB) + "/");
                wait.until(d -> d.getCurrentUrl().endsWith("/login"));
                browser.findElement(By.id("username")).sendKeys(username);
                browser.findElement(By.id("password")).sendKeys("correct horse battery");
                browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
                wait.until(d -> !d.getCurrentUrl().contains("/login"));
                browser.get("http://127.0.0.1:" + port(nodeB) + "/live?tenant=" + tenant);
                wait.until(d -> d.findElements(By.cssSelector("#calls tbody tr")).size() == 1);
                browser.findElement(By.cssSelector("#calls tbody tr button")).click();
                wait.until(d -> {
                    String seconds = d.findElement(By.id("listen-state")).getAttribute("data-seconds");
                    return seconds != null && Double.parseDouble(seconds) > 1.0;
                });
                Chromium.screenshot(browser, "live-through-another-node");
            }
            cte1.text("{\"type\":\"disconnect\",\"reason\":\"end\"}");
            cte1.closeCode();
            wait.until(d -> d.findElement(By.id("listen-state")).getText().contains("ended"));
        } finally {
            browser.quit();
        }
    }

    /** Failed authentications are counted in Redis: guesses through one node use up the allowance on the other. */
    @Test
    void failedAuthenticationsAreCountedAcrossNodes() {
        String tenant = a.tenant("guess");
        Api.Credentials client = a.readWriteClient(tenant);
        String address = "203.0.113." + (1 + new java.util.Random().nextInt(254));
        String calls = "/v1/tenants/" + tenant + "/calls";
        int status = 0;
        int guesses = 0;
        while (status != 429 && guesses < 40) {
            status = a.get(calls, "Authorization", "Bearer two-node-guess-" + guesses++, "X-Forwarded-For", address).status();
        }
        assertThat(status).as("node a refuses after " + guesses + " guesses").isEqualTo(429);
        assertThat(b.get(calls, "Authorization", "Bearer another-guess", "X-Forwarded-For", address).status())
                .as("node b knows the address has no failures left").isEqualTo(429);
        assertThat(b.get(calls, "Authorization", client.bearer(), "X-Forwarded-For", address).status())
                .as("a valid key from the same address").isEqualTo(200);
    }

    /**
     * The status the other node answers once the change has reached it: the database delivers the change as it
     * commits, but not synchronously with the answer to the request that made it. The nodes keep cached rows for an
     * hour ({@code callvault.cache.ttl}), so a node that ignored the change would still answer from memory when this
     * 20 s deadline passes.
     */
    private static int statusOnceSettled(java.util.function.IntSupplier status, int expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int last = status.getAsInt();
        while (last != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = status.getAsInt();
        }
        return last;
    }

    @Test
    void theComdesignAllowanceIsSpentAcrossBothNodes() {
        String tenant = a.tenant("allowance");
        Api.Credentials client = a.readWriteClient(tenant);
        completedComdesignCall(tenant, client, 42);
        String json = "{\"tenantId\":\"" + tenant + "\",\"sessionId\":42,\"recordId\":1}";
        for (Api node : List.of(a, a, a, b, b)) {
            assertThat(audioData(node, client, json).header("Content-Type").orElseThrow()).startsWith("multipart/form-data");
        }
        for (Api node : List.of(b, a)) {
            JsonNode refused = audioData(node, client, json).json();
            assertThat(refused.get("errorCode").asString()).isEqualTo("TOO_MANY_REQUESTS");
        }
    }

    /** A completed call (through Comdesign's call status) with one recording, ready for {@code audio_data}. */
    private static void completedComdesignCall(String tenant, Api.Credentials client, int sessionId) {
        Instant now = Instant.now();
        a.json("POST", "/general/v1/" + client.sourceUuid() + "/call/status", "{\"tenantId\":\"" + tenant
                + "\",\"sessionId\":" + sessionId + ",\"status\":\"disconnected\",\"connectTime\":\""
                + now.minusSeconds(60) + "\",\"disconnectTime\":\"" + now + "\"}", "Authorization", client.apiKey());
        a.upload(client, tenant, Integer.toString(sessionId), 1, TestAudio.pcm16(8000, 1, 80));
    }

    private static Api.Response audioData(Api node, Api.Credentials client, String json) {
        return node.json("POST", "/general/v1/" + client.sourceUuid() + "/call/audio_data", json,
                "Authorization", client.apiKey());
    }

    private static Api api(ConfigurableApplicationContext node) {
        return new Api(port(node), ADMIN);
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext node(String name) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", "0");
        p.put("spring.datasource.url", TestDatabase.PG_URL + "?currentSchema=" + SCHEMA);
        p.put("spring.datasource.username", TestDatabase.PG_USER);
        p.put("spring.flyway.schemas", SCHEMA);
        p.put("callvault.data-dir", Files.createTempDirectory("callvault-node-" + name).toString());
        p.put("callvault.admin-token", ADMIN);
        p.put("callvault.storage", "s3");
        p.put("callvault.s3.endpoint", TestS3.endpoint());
        p.put("callvault.s3.bucket", "nodes-" + SCHEMA.replace('_', '-'));
        p.put("callvault.s3.access-key", TestS3.ACCESS_KEY);
        p.put("callvault.s3.secret-key", TestS3.SECRET_KEY);
        p.put("callvault.s3.path-style", "true");
        p.put("callvault.redis-url", redisProxy.redisUrl());
        p.put("callvault.cache.ttl", "1h");
        // requests name their client address, so that the throttle test spends another address's allowance
        p.put("callvault.trusted-proxies", "127\\.0\\.0\\.1");
        // the nodes of one deployment share the playback key (each would make its own file otherwise)
        p.put("callvault.playback.key", "two-nodes-test-playback-key-0123456789abcdef");
        p.put("callvault.comdesign.burst", "5");
        p.put("callvault.comdesign.interval", "1h");
        p.put("logging.structured.format.console", "");
        if (name.equals("b")) { // where listeners hear node a's calls: it gives up on a silent relay sooner
            p.put("callvault.live.idle-timeout", "8s");
        }
        return new SpringApplicationBuilder(CallVaultApplication.class).properties(p).run();
    }

    /** PostgreSQL and Redis must be there under CI=true; elsewhere the test skips with a message. */
    private static void requireServices() {
        String missing = null;
        try (Connection ignored = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, "")) {
            // reachable
        } catch (Exception e) {
            missing = "PostgreSQL at " + TestDatabase.PG_URL + ": " + e.getMessage();
        }
        if (missing == null) {
            RedisClient redis = RedisClient.create(REDIS);
            try (var connection = redis.connect()) {
                connection.sync().ping();
            } catch (Exception e) {
                missing = "Redis at " + REDIS + ": " + e.getMessage();
            } finally {
                redis.shutdown();
            }
        }
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("the two-node test needs " + missing);
            }
            Assumptions.abort("skipping the two-node test, not reachable: " + missing);
        }
    }
}
