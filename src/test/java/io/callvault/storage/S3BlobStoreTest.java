package io.callvault.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import io.callvault.support.TcpProxy;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 store against a real S3-protocol server (s3proxy) on loopback. */
class S3BlobStoreTest {

    @TempDir
    Path dir;

    private String bucket;

    @BeforeEach
    void bucket() {
        bucket = "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private S3BlobStore store(long multipartThreshold) {
        return new S3BlobStore(new S3Properties(TestS3.endpoint(), "us-east-1", bucket, TestS3.ACCESS_KEY,
                TestS3.SECRET_KEY, true), multipartThreshold);
    }

    private Path staged(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("staged-" + size), bytes);
    }

    /**
     * A store that does not answer when the server starts does not keep it from starting (live capture keeps calls
     * on the node's disk meanwhile); the bucket is checked, and made, at the first store once it answers. A store
     * that answers no (wrong credentials) is a setting to mend: the server does not start.
     */
    @Test
    void aStoreAwayAtStartIsUsedOnceItAnswersAndOneThatSaysNoStopsTheStart() throws Exception {
        int s3Port = URI.create(TestS3.endpoint()).getPort();
        try (TcpProxy proxy = new TcpProxy(s3Port)) {
            proxy.outage(Duration.ofSeconds(3));
            long away = System.nanoTime();
            S3BlobStore store = new S3BlobStore(new S3Properties("http://127.0.0.1:" + proxy.port(), "us-east-1", bucket,
                    TestS3.ACCESS_KEY, TestS3.SECRET_KEY, true));
            Path file = staged(1000);
            String key = StorageKey.of(UUID.randomUUID(), "wav");
            assertThatThrownBy(() -> store.store(file, key)).isInstanceOf(IOException.class);
            assertThat(file).as("kept for the next try").exists();
            Thread.sleep(Math.max(0, 3_500 - (System.nanoTime() - away) / 1_000_000));
            store.store(file, key);
            assertThat(store.size(key)).hasValue(1000L);
            assertThat(TestS3.client().headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
        }
        assertThatThrownBy(() -> new S3BlobStore(new S3Properties(TestS3.endpoint(), "us-east-1", bucket,
                TestS3.ACCESS_KEY, "not-the-secret", true))).isInstanceOf(S3Exception.class);
    }

    @Test
    void largeUploadsGoUpInPartsAndReadBackByRange() throws Exception {
        S3BlobStore store = store(S3BlobStore.PART_SIZE); // anything over one part is a multipart upload
        Path file = staged((int) (S3BlobStore.PART_SIZE * 2 + 12345));
        byte[] bytes = Files.readAllBytes(file);
        String key = StorageKey.of(UUID.randomUUID(), "wav");
        store.store(file, key);
        assertThat(file).doesNotExist();
        assertThat(store.size(key)).hasValue((long) bytes.length);
        long at = S3BlobStore.PART_SIZE - 100; // across the boundary between two parts
        try (InputStream in = store.open(key, at, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, (int) at, (int) at + 1000));
        }
        assertThat(TestS3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(store.list().map(StoredBlob::key)).containsExactly(key);
        store.delete(key);
        assertThat(store.size(key)).isEmpty();
    }

    @Test
    void aFailedMultipartUploadIsAbortedAndLeavesNoObject() throws Exception {
        S3BlobStore store = store(1024);
        Path file = staged(6 * 1024 * 1024);
        String key = StorageKey.of(UUID.randomUUID(), "wav");
        // parts are read from the staged file as they are sent: a file shorter than its announced size fails a part
        Path shrunk = Files.write(dir.resolve("shrunk"), Arrays.copyOf(Files.readAllBytes(file), 10));
        assertThatThrownBy(() -> store.multipartFor(shrunk, key, 6 * 1024 * 1024)).isInstanceOf(RuntimeException.class);
        assertThat(store.size(key)).isEmpty();
        assertThat(TestS3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void presignedUrlsServeTheObjectWithoutCredentials() throws Exception {
        S3BlobStore store = store(S3BlobStore.MULTIPART_THRESHOLD);
        Path file = staged(5000);
        byte[] bytes = Files.readAllBytes(file);
        String key = StorageKey.of(UUID.randomUUID(), "mp3");
        store.store(file, key);
        URI url = store.presign(key, Duration.ofMinutes(5), "audio/mpeg", "attachment; filename=\"x.mp3\"").orElseThrow();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
    }

    @Test
    void keysThatAreNotOursAreRefused() {
        S3BlobStore store = store(S3BlobStore.MULTIPART_THRESHOLD);
        assertThatThrownBy(() -> store.size("../escape")).isInstanceOf(IllegalArgumentException.class);
    }
}
