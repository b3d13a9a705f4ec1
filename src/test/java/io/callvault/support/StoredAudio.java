package io.callvault.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a store holds, read without going through CallVault: the files under the data folder, or the objects in
 * the test S3 server, depending on the store a recording's row names.
 */
public final class StoredAudio {

    private final JdbcClient jdbc;

    public StoredAudio(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Location(String store, String key) {
    }

    public Location of(String recordingId) {
        return jdbc.sql("select store, storage_key from recordings where id = ?").param(recordingId)
                .query((rs, row) -> new Location(rs.getString("store"), rs.getString("storage_key"))).single();
    }

    public byte[] bytes(String recordingId) {
        Location at = of(recordingId);
        if (at.store().equals("s3")) {
            return TestS3.client().getObjectAsBytes(b -> b.bucket(TestS3.BUCKET).key(at.key())).asByteArray();
        }
        try {
            return Files.readAllBytes(file(at.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String recordingId) {
        Location at = of(recordingId);
        if (at.store().equals("s3")) {
            TestS3.client().deleteObject(b -> b.bucket(TestS3.BUCKET).key(at.key()));
            return;
        }
        try {
            Files.delete(file(at.key()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts other bytes where a recording's audio is: damage, for tests that must find it. */
    public void replace(String recordingId, byte[] bytes) {
        Location at = of(recordingId);
        if (at.store().equals("s3")) {
            TestS3.client().putObject(b -> b.bucket(TestS3.BUCKET).key(at.key()),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
            return;
        }
        try {
            Files.write(file(at.key()), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key the store holds. */
    public List<String> keys(String store) {
        if (store.equals("s3")) {
            return TestS3.client().listObjectsV2Paginator(b -> b.bucket(TestS3.BUCKET)).contents().stream()
                    .map(o -> o.key()).filter(k -> !k.endsWith("/")).toList();
        }
        Path root = TestDatabase.dataDir().resolve("audio");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytesOf(String store, String key) {
        if (store.equals("s3")) {
            return TestS3.client().getObjectAsBytes(b -> b.bucket(TestS3.BUCKET).key(key)).asByteArray();
        }
        try {
            return Files.readAllBytes(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path file(String key) {
        return TestDatabase.dataDir().resolve("audio").resolve(key);
    }
}
