package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The access log's queue under a burst from many readers: every row recorded is written, none twice, whether it
 * went through the queue or, past the queue's capacity, was written by the reader itself.
 */
class AccessLogTest {

    private static final int READERS = 8;
    private static final int READS_EACH = 8_000;

    @Test
    void aBurstLargerThanTheQueueLosesNoRow() throws Exception {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:access-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        AccessLog log = new AccessLog(jdbc, Clock.systemUTC(), java.time.Duration.ofMillis(50));

        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                String client = "client-" + r;
                done.add(readers.submit(() -> {
                    for (int i = 0; i < READS_EACH; i++) {
                        log.record(new AccessEvent(client, "t", "call-" + i, "rec-" + i, AccessEvent.Kind.PLAY, AccessEvent.Via.NATIVE, "127.0.0.1"),
                                null, null, i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            readers.shutdown();
        }
        log.close();

        assertThat(jdbc.queryForObject("select count(*) from access_log", Long.class))
                .isEqualTo((long) READERS * READS_EACH);
        assertThat(jdbc.queryForList("select client_id, count(*) n, sum(bytes) b from access_log group by client_id"))
                .hasSize(READERS)
                .allSatisfy(row -> {
                    assertThat(((Number) row.get("N")).longValue()).isEqualTo(READS_EACH);
                    assertThat(((Number) row.get("B")).longValue()).isEqualTo((long) READS_EACH * (READS_EACH - 1) / 2);
                });
    }

    /** On PostgreSQL rows go in by COPY: every value, null or not, quoted or numeric, comes back as it was recorded. */
    @Test
    void postgresTakesEveryValueAsRecorded() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.callvault.support.TestDatabase.postgres(), "PostgreSQL run only");
        String schema = "al_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = io.callvault.support.TestDatabase.PG_URL;
        DriverManagerDataSource db = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema="
                + schema, io.callvault.support.TestDatabase.PG_USER, "");
        Flyway.configure().dataSource(db).schemas(schema).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        try {
            java.time.Instant now = java.time.Instant.parse("2026-12-05T01:02:03.456789Z");
            AccessLog log = new AccessLog(jdbc, Clock.fixed(now, java.time.ZoneOffset.UTC), java.time.Duration.ofMillis(50));
            log.record(new AccessEvent("user:o\"brien,x", "t", "sip:1@pbx", "rec-1", AccessEvent.Kind.PLAY,
                    AccessEvent.Via.SIGNED_URL, "::1"), 0L, 65535L, 65536);
            log.record(new AccessEvent("c2", "t", "call-2", null, AccessEvent.Kind.DOWNLOAD, AccessEvent.Via.WELLCLOUD,
                    "203.0.113.9"), null, null, 960044);
            log.close();
            List<java.util.Map<String, Object>> rows = jdbc.queryForList("select * from access_log order by id");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsEntry("client_id", "user:o\"brien,x").containsEntry("call_id", "sip:1@pbx")
                    .containsEntry("recording_id", "rec-1").containsEntry("kind", "play").containsEntry("via", "signed-url")
                    .containsEntry("range_start", 0L).containsEntry("range_end", 65535L).containsEntry("bytes", 65536L)
                    .containsEntry("remote_addr", "::1").containsEntry("reason", null);
            assertThat(((java.sql.Timestamp) rows.get(0).get("read_at")).toInstant()).isEqualTo(now);
            assertThat(rows.get(1)).containsEntry("recording_id", null).containsEntry("range_start", null)
                    .containsEntry("range_end", null).containsEntry("bytes", 960044L).containsEntry("kind", "download");
        } finally {
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }
}
