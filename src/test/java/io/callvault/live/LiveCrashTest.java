package io.callvault.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.callvault.support.Api;
import io.callvault.support.LiveAudio;
import io.callvault.support.Seeds;
import io.callvault.support.ServerProcess;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/**
 * Live durability, the hard way (contract 6): the real server in its own process records 50 AudioHook sessions in
 * real time and is killed with SIGKILL at a random moment. After a restart every session is a playable
 * {@code Interrupted} recording holding, byte for byte, all the audio sent up to at least a second before the kill.
 *
 * <p>On the filesystem store the session files are also cut back to their headers before the restart, as if the
 * machine had lost power and with it every page not fsynced: then only the journal's group fsync can have kept the
 * audio. On S3 the restart must also upload what the node had.
 */
class LiveCrashTest {

    private static final String ADMIN = "live-crash-admin";
    private static final int SESSIONS = 50;
    private static final int BYTES_PER_MS = 16; // stereo PCMU
    private static final String MEDIA = "[{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\","
            + "\"internal\"],\"rate\":8000}]";

    @TempDir
    Path dir;

    /** One session as the platform sent it: its audio and when each 20 ms frame had been handed to the socket. */
    private record Sent(String conversation, byte[] audio, long[] sentAt) {
    }

    @ParameterizedTest(name = "{0} store")
    @ValueSource(strings = {"filesystem", "s3"})
    void everyLiveSessionSurvivesSigkillUpToASecondBeforeIt(String storage) throws Exception {
        long seed = Seeds.seed();
        Random random = new Random(seed);
        String bucket = "live-crash-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>();
        boolean powerLoss = storage.equals("filesystem");
        if (powerLoss) {
            // no checkpoint: the journal alone must hold every session's audio
            env.put("CALLVAULT_LIVE_CHECKPOINT_INTERVAL", "1h");
        } else {
            env.putAll(Map.of("CALLVAULT_STORAGE", "s3", "CALLVAULT_S3_ENDPOINT", TestS3.endpoint(),
                    "CALLVAULT_S3_BUCKET", bucket, "CALLVAULT_S3_ACCESS_KEY", TestS3.ACCESS_KEY,
                    "CALLVAULT_S3_SECRET_KEY", TestS3.SECRET_KEY, "CALLVAULT_S3_PATH_STYLE", "true",
                    "CALLVAULT_LIVE_CHECKPOINT_INTERVAL", "2s"));
        }
        Path data = dir.resolve("data");
        ServerProcess server = ServerProcess.start(data, ADMIN, List.of(), env);
        Api api = new Api(server.port(), ADMIN);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"crash\",\"name\":\"crash\"}").status()).isEqualTo(201);
        Api.Credentials client = api.client(List.of("crash"), "read", "ingest");

        List<Sent> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            byte[] audio = LiveAudio.call(seed + i, 12, 2, true);
            sessions.add(new Sent(UUID.randomUUID().toString(), audio, new long[audio.length / (BYTES_PER_MS * 20)]));
        }
        ExecutorService platform = Executors.newFixedThreadPool(SESSIONS);
        CountDownLatch opened = new CountDownLatch(SESSIONS);
        for (Sent session : sessions) {
            platform.execute(() -> stream(server.port(), client.apiKey(), session, opened));
        }
        opened.await();
        Thread.sleep(2000 + random.nextInt(4000));
        long killedAt = System.nanoTime();
        server.kill();
        platform.shutdown();
        platform.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);

        if (powerLoss) {
            cutToHeaders(data.resolve("live"));
        }
        try (ServerProcess restarted = ServerProcess.start(data, ADMIN, List.of(), env)) {
            Api after = new Api(restarted.port(), ADMIN);
            for (Sent session : sessions) {
                String what = "conversation " + session.conversation() + " (" + Seeds.describe(seed) + ")";
                JsonNode recording = after.get("/v1/tenants/crash/calls/" + session.conversation(), "Authorization",
                        client.bearer()).json().get("recordings").get(0);
                assertThat(recording.get("state").asString()).as(what).isEqualTo("Interrupted");
                Api.Response wav = after.get("/v1/tenants/crash/recordings/" + recording.get("id").asString() + "/audio",
                        "Authorization", client.bearer());
                assertThat(wav.status()).as(what).isEqualTo(200);
                byte[] stored = LiveAudio.samples(wav.body());
                assertThat(wav.body().length - stored.length).as(what + ": a whole file, header and data").isIn(44, 58);
                long required = 0;
                for (int f = 0; f < session.sentAt().length; f++) {
                    if (session.sentAt()[f] != 0 && session.sentAt()[f] < killedAt - 1_000_000_000L) {
                        required = (f + 1) * 20L * BYTES_PER_MS;
                    }
                }
                assertThat((long) stored.length).as(what + ": audio sent a second before the kill").isGreaterThanOrEqualTo(required);
                assertThat(java.util.Arrays.equals(stored, java.util.Arrays.copyOf(session.audio(), stored.length)))
                        .as(what + ": byte for byte what was sent").isTrue();
            }
            try (Stream<Path> left = Files.list(data.resolve("live"))) {
                assertThat(left.filter(p -> p.toString().endsWith(".wav"))).as("live files left behind").isEmpty();
            }
        }
    }

    /** Streams the session in real time until the server goes away. */
    private static void stream(int port, String apiKey, Sent session, CountDownLatch opened) {
        try (AudioHookClient genesys = AudioHookClient.connect(port, apiKey)) {
            genesys.open(session.conversation(), MEDIA);
            genesys.receive();
            opened.countDown();
            byte[][] frames = LiveAudio.frames(session.audio(), BYTES_PER_MS, 20);
            long start = System.nanoTime();
            for (int i = 0; i < frames.length; i++) {
                LiveAudio.pace(start, i * 20L);
                genesys.audio(frames[i], BYTES_PER_MS);
                session.sentAt()[i] = System.nanoTime();
            }
        } catch (RuntimeException killed) {
            opened.countDown(); // the server died mid-stream, as the test intends
        }
    }

    /** Power loss: every session file keeps only its header (written and fsynced before the session began). */
    private static void cutToHeaders(Path live) throws IOException {
        try (Stream<Path> files = Files.list(live)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                byte[] head = new byte[64];
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    int read = raf.read(head);
                    raf.setLength(headerLength(head, read));
                }
            }
        }
    }

    private static int headerLength(byte[] head, int length) {
        for (int i = 12; i + 8 <= length; i++) {
            if (head[i] == 'd' && head[i + 1] == 'a' && head[i + 2] == 't' && head[i + 3] == 'a') {
                return i + 8;
            }
        }
        throw new AssertionError("no data chunk in a live file's header");
    }
}
