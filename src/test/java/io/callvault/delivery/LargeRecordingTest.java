package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.ServerProcess;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * A recording over 2 GiB uploaded to and streamed from a server whose heap is 128 MiB: memory must not grow with
 * the size of the audio. Runs the server in its own JVM. Tagged {@code large} (leave it out with
 * {@code -DexcludedGroups=large}).
 */
@Tag("large")
class LargeRecordingTest {

    private static final long SIZE = 2_148_000_044L; // past 2^31: every length must be a long
    private static final String ADMIN = "large-test-admin";

    @TempDir
    Path dataDir;

    private ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamsA2GiBRecordingThroughA128MiBHeap() throws Exception {
        server = ServerProcess.start(dataDir.resolve("data"), ADMIN, List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"),
                java.util.Map.of("CALLVAULT_MAX_UPLOAD", "3GB"));
        Api api = new Api(server.port(), ADMIN);
        String tenant = api.tenant("large");
        Api.Credentials client = api.readWriteClient(tenant);

        HttpClient http = HttpClient.newHttpClient();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest upload = HttpRequest.newBuilder(URI.create(api.base() + "/v1/tenants/" + tenant + "/calls/long/recordings/1"))
                .header("Authorization", client.bearer())
                .timeout(Duration.ofMinutes(10))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedWav(SIZE, sent)), SIZE))
                .build();
        HttpResponse<String> stored = http.send(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        JsonNode recording = Api.JSON.readTree(stored.body());
        String sha256 = HexFormat.of().formatHex(sent.digest());
        assertThat(recording.get("fileSize").asLong()).isEqualTo(SIZE);
        assertThat(recording.get("sha256").asString()).isEqualTo(sha256);
        assertThat(recording.get("durationMs").asLong()).isEqualTo((SIZE - 44) / 2 * 1000 / 8000);

        String audio = api.base() + "/v1/tenants/" + tenant + "/recordings/" + recording.get("id").asString() + "/audio";
        HttpResponse<InputStream> whole = http.send(HttpRequest.newBuilder(URI.create(audio))
                .header("Authorization", client.bearer()).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = whole.body()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                received.update(buffer, 0, n);
                count += n;
            }
        }
        assertThat(count).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sha256);

        long start = SIZE - 100_000;
        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(audio))
                .header("Authorization", client.bearer()).header("Range", "bytes=" + start + "-").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes " + start + "-" + (SIZE - 1) + "/" + SIZE);
        byte[] expected = new byte[100_000];
        try (GeneratedWav generator = new GeneratedWav(SIZE, MessageDigest.getInstance("SHA-256"))) {
            generator.skipNBytes(start);
            generator.readNBytes(expected, 0, expected.length);
        }
        assertThat(tail.body()).isEqualTo(expected);

        assertThat(server.alive()).as("the 128 MiB server survived").isTrue();
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    /** A 16-bit 8 kHz mono WAV of {@code size} bytes with a deterministic pattern, made as it is read. */
    private static final class GeneratedWav extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private final byte[] header;
        private long position;

        GeneratedWav(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
            ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            b.put("RIFF".getBytes()).putInt((int) (size - 8)).put("WAVE".getBytes())
                    .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                    .putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes()).putInt((int) (size - 44));
            this.header = b.array();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                buffer[offset + i] = p < 44 ? header[(int) p] : (byte) ((p * 31) ^ (p >>> 11));
            }
            digest.update(buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.min(n, size - position);
            position += skipped;
            return skipped;
        }
    }
}
