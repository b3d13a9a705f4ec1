package io.callvault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;

import io.callvault.server.CallVaultProperties;
import io.callvault.audio.AudioProbe;
import io.callvault.catalog.CallRepository;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.RecordingRepository;
import io.callvault.storage.BlobStore;
import io.callvault.storage.StagingArea;
import io.callvault.support.TestAudio;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * The crash-safety order, checked where it matters: when the store cannot make the audio durable, no row is
 * written and no staged file is left, so nothing is acknowledged and nothing points at missing audio.
 */
class IngestFailureTest {

    @TempDir
    Path dir;

    private JdbcClient jdbc;
    private JdbcDataSource dataSource;
    private StagingArea staging;

    @BeforeEach
    void database() throws IOException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("insert into tenants (id, name, time_zone, retrieval_window_days, created_at) values ('t', 't', 'UTC', 31, ?)")
                .param(Instant.now().atOffset(java.time.ZoneOffset.UTC)).update();
        staging = new StagingArea(dir.resolve("staging"));
    }

    private RecordingIngest ingest(BlobStore store) throws java.sql.SQLException {
        Clock clock = Clock.systemUTC();
        CallRepository calls = new CallRepository(jdbc);
        RecordingRepository recordings = new RecordingRepository(jdbc);
        CallVaultProperties properties = new CallVaultProperties(dir, DataSize.ofMegabytes(10), ZoneId.of("UTC"), "x", false,
                "failing");
        var transactions = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
        return new RecordingIngest(new Catalog(calls, recordings, new io.callvault.catalog.TranscriptRepository(jdbc, new org.springframework.jdbc.core.JdbcTemplate(dataSource)), clock,
                new io.callvault.cluster.Invalidations(jdbc, dataSource), new io.callvault.cluster.CacheSettings(java.time.Duration.ofMinutes(1))),
                transactions, staging, new io.callvault.storage.BlobStores(java.util.List.of(store), "failing"), new AudioProbe(),
                properties, clock, new SimpleMeterRegistry());
    }

    @Test
    void aStoreThatCannotSyncLeavesNoRowAndNoStagedFile() throws IOException {
        BlobStore failing = new BlobStore() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public java.util.stream.Stream<io.callvault.storage.StoredBlob> list() {
                return java.util.stream.Stream.empty();
            }

            @Override
            public void store(Path stagedFile, String key) throws IOException {
                throw new IOException("fsync failed: disk full");
            }

            @Override
            public InputStream open(String key, long offset, long length) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Path> localFile(String key) {
                return Optional.empty();
            }

            @Override
            public Optional<Long> size(String key) {
                return Optional.empty();
            }

            @Override
            public void delete(String key) {
            }
        };
        byte[] audio = TestAudio.pcm16(8000, 1, 800);
        assertThatThrownBy(() -> ingest(failing).ingest("t", "c1", 1, new SegmentDetails(null, null, null),
                new ByteArrayInputStream(audio), audio.length)).isInstanceOf(io.callvault.web.ApiException.class)
                .hasMessageContaining("nothing was stored")
                .satisfies(e -> assertThat(((io.callvault.web.ApiException) e).status().value()).isEqualTo(503));
        assertThat(jdbc.sql("select count(*) from recordings").query(Long.class).single()).isZero();
        try (Stream<Path> left = Files.list(dir.resolve("staging"))) {
            assertThat(left).isEmpty();
        }
    }
}
