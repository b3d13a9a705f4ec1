package io.callvault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.callvault.support.Seeds;
import io.callvault.support.Api;
import io.callvault.support.ServerProcess;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/**
 * The durability promise, tried the hard way: the real server in its own process takes 60 concurrent uploads of
 * different sizes and is killed with SIGKILL at a random moment, five times over. After a restart, every upload
 * that was acknowledged must be there byte for byte, no row may point at missing or partial audio, and what the
 * crashes left behind (staged files, stored files without a row) must be gone.
 */
class CrashSafetyTest {

    private static final String ADMIN = "crash-admin";
    private static final int ROUNDS = 5;
    private static final int UPLOADS = 60;

    @TempDir
    Path dir;

    private record Upload(String callId, byte[] bytes, String sha256) {
    }

    private record Ack(Upload upload, String recordingId) {
    }

    @ParameterizedTest(name = "{0} store")
    @ValueSource(strings = {"filesystem", "s3"})
    void everyAcknowledgedUploadSurvivesSigkillAndNothingPartialIsVisible(String storage) throws Exception {
        String bucket = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = storage.equals("s3")
                ? Map.of("CALLVAULT_STORAGE", "s3", "CALLVAULT_S3_ENDPOINT", TestS3.endpoint(), "CALLVAULT_S3_BUCKET", bucket,
                        "CALLVAULT_S3_ACCESS_KEY", TestS3.ACCESS_KEY, "CALLVAULT_S3_SECRET_KEY", TestS3.SECRET_KEY,
                        "CALLVAULT_S3_PATH_STYLE", "true")
                : Map.of();
        long seed = Seeds.seed();
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        List<Ack> acknowledged = Collections.synchronizedList(new ArrayList<>());
        int unacknowledged = 0;
        Api.Credentials client = null;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        for (int round = 0; round < ROUNDS; round++) {
            ServerProcess server = ServerProcess.start(data, ADMIN, List.of(), env);
            Api api = new Api(server.port(), ADMIN);
            if (client == null) {
                assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"crash\",\"name\":\"crash\"}").status()).isEqualTo(201);
                client = api.readWriteClient("crash");
            }
            List<Upload> uploads = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                byte[] bytes = wav(1024 + random.nextInt(4 * 1024 * 1024), random);
                uploads.add(new Upload("r" + round + "-c" + i, bytes, sha256(bytes)));
            }
            java.util.concurrent.atomic.AtomicInteger ackedThisRound = new java.util.concurrent.atomic.AtomicInteger();
            List<CompletableFuture<Boolean>> inFlight = new ArrayList<>();
            for (Upload upload : uploads) {
                HttpRequest put = HttpRequest.newBuilder(URI.create(api.base() + "/v1/tenants/crash/calls/" + upload.callId()
                        + "/recordings/1")).header("Authorization", client.bearer()).timeout(Duration.ofSeconds(60))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(upload.bytes())).build();
                inFlight.add(http.sendAsync(put, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
                    if (failure != null || response.statusCode() != 201) {
                        return false;
                    }
                    JsonNode body = Api.JSON.readTree(response.body());
                    acknowledged.add(new Ack(upload, body.get("id").asString()));
                    ackedThisRound.incrementAndGet();
                    return true;
                }));
            }
            // the kill lands once a random share of the round is acknowledged: others are mid-body, mid-fsync,
            // between file and row, or committed with their answer not yet sent
            int killAfter = 5 + random.nextInt(UPLOADS - 10);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ackedThisRound.get() < killAfter && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            server.kill();
            for (CompletableFuture<Boolean> upload : inFlight) {
                if (!upload.get()) {
                    unacknowledged++;
                }
            }
        }

        // s3proxy runs in this JVM and may still be writing an object whose PUT the killed server had sent whole: the
        // sweep after the restart must find the store as the crashes left it, or such an object lands after its look
        long filesBeforeRestart = settled(storage, data, bucket).size();
        // restart with a sweep that runs at once and trusts no grace period: nothing is being uploaded now
        Map<String, String> sweepNow = new java.util.HashMap<>(env);
        sweepNow.put("CALLVAULT_SWEEP_ORPHAN_GRACE", "0s");
        sweepNow.put("CALLVAULT_SWEEP_INITIAL_DELAY", "0");
        try (ServerProcess server = ServerProcess.start(data, ADMIN, List.of(), sweepNow)) {
            Api api = new Api(server.port(), ADMIN);
            int verified = 0;
            for (Ack ack : acknowledged) {
                Api.Response audio = api.get("/v1/tenants/crash/recordings/" + ack.recordingId() + "/audio",
                        "Authorization", client.bearer());
                assertThat(audio.status()).as("acknowledged upload " + ack.upload().callId()).isEqualTo(200);
                assertThat(sha256(audio.body())).as("acknowledged upload " + ack.upload().callId())
                        .isEqualTo(ack.upload().sha256());
                verified++;
            }
            Api.Response fsckResponse = api.admin("POST", "/v1/admin/fsck?tenant=crash", null);
            assertThat(fsckResponse.status()).as(fsckResponse.text()).isEqualTo(200);
            JsonNode fsck = fsckResponse.json();
            long rows = fsck.get("checked").asLong();
            long damaged = fsck.get("missing").asLong() + fsck.get("corrupt").asLong();
            try (Stream<Path> staged = Files.list(data.resolve("staging"))) {
                assertThat(staged.filter(p -> p.toString().endsWith(".part"))).as("staged files left by crashes").isEmpty();
            }
            List<String> left = List.of();
            for (int i = 0; i < 100; i++) {
                left = stored(storage, data, bucket);
                if (left.size() == rows) {
                    break;
                }
                Thread.sleep(100);
            }
            long files = left.size();
            System.out.printf("crash test, " + storage + " store (%s): %d acknowledged, %d verified, 0 lost, %d killed in flight, "
                    + "%d rows with audio, %d damaged, %d orphan files swept, %d files left%n",
                    Seeds.describe(seed), acknowledged.size(), verified, unacknowledged, rows, damaged, filesBeforeRestart - files, files);
            assertThat(damaged).as("rows pointing at missing or partial audio").isZero();
            assertThat(rows).as("every acknowledged upload has its row").isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(files).as("stored audio without a row is swept%s", files == rows ? "" : unexplained(left, acknowledged, server))
                    .isEqualTo(rows);
            assertThat(acknowledged.size() + unacknowledged).isEqualTo(ROUNDS * UPLOADS);
            assertThat(acknowledged).as("uploads acknowledged before a kill").hasSizeGreaterThanOrEqualTo(50);
            assertThat(unacknowledged).as("uploads in flight when a kill came").isPositive();
        }
    }

    /** Stored audio files or objects, each as key, size and time, listed without going through CallVault. */
    private static List<String> stored(String storage, Path data, String bucket) throws Exception {
        if (storage.equals("s3")) {
            return TestS3.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .filter(o -> !o.key().endsWith("/")).map(o -> o.key() + " " + o.size() + " " + o.lastModified()).toList();
        }
        Path audio = data.resolve("audio");
        if (!Files.exists(audio)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(audio)) {
            List<String> listed = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    listed.add(audio.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file));
                } catch (java.nio.file.NoSuchFileException sweptMeanwhile) {
                    // the sweep took it between the walk and the look
                }
            }
            return listed;
        }
    }

    /** The store's listing once two looks half a second apart agree. */
    private static List<String> settled(String storage, Path data, String bucket) throws Exception {
        List<String> last = stored(storage, data, bucket);
        for (int look = 0; look < 60; look++) {
            Thread.sleep(500);
            List<String> now = stored(storage, data, bucket);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the store was still changing 30 s after the last kill");
    }

    /** What a failed sweep check needs to be understood: the files no acknowledged upload names, and the sweep's log. */
    private static String unexplained(List<String> left, List<Ack> acknowledged, ServerProcess server) throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        acknowledged.forEach(ack -> ids.add(ack.recordingId()));
        List<String> unacknowledged = left.stream().filter(file -> ids.stream().noneMatch(file::contains)).toList();
        List<String> sweep = server.log().lines().filter(line -> line.contains("sweep") || line.contains(" WARN ")
                || line.contains(" ERROR ")).toList();
        return "; stored files no acknowledged upload names: " + unacknowledged + "; the server's warnings and sweep: " + sweep;
    }

    /** A 16-bit 8 kHz mono WAV of about {@code size} bytes, of noise. */
    private static byte[] wav(int size, Random random) {
        int data = (size - 44) & ~1;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(data);
        byte[] noise = new byte[data];
        random.nextBytes(noise);
        b.put(noise);
        return b.array();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
