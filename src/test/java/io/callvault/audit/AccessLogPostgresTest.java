package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callvault.support.TestDatabase;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** What only PostgreSQL does with the access log (run by the PostgreSQL execution of the tests, skipped by the others). */
class AccessLogPostgresTest {

    /**
     * On PostgreSQL rows go in by binary COPY: every value, null or not, text of any script or numeric, comes back as
     * it was recorded, and a time to the microsecond PostgreSQL keeps.
     */
    @Test
    void postgresTakesEveryValueAsRecorded() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "PostgreSQL run only");
        String schema = "al_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestDatabase.PG_URL;
        DriverManagerDataSource db = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema="
                + schema, TestDatabase.PG_USER, "");
        Flyway.configure().dataSource(db).schemas(schema).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        try {
            Instant now = Instant.parse("2026-12-05T01:02:03.456789Z");
            AccessLog log = new AccessLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)), Clock.fixed(now, ZoneOffset.UTC), Duration.ofMillis(50));
            log.record(new AccessEvent("user:o\"brien,x", "t", "sip:1@pbx", "rec-1", AccessEvent.Kind.PLAY,
                    AccessEvent.Via.SIGNED_URL, "::1"), 0L, 65535L, 65536);
            log.record(new AccessEvent("c2", "t", "call-2", null, AccessEvent.Kind.DOWNLOAD, AccessEvent.Via.WELLCLOUD,
                    "203.0.113.9"), null, null, 960044);
            AccessLog later = new AccessLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)),
                    Clock.fixed(Instant.parse("1999-12-31T23:59:59.999999600Z"), ZoneOffset.UTC), Duration.ofMillis(50));
            later.record(new AccessEvent("клиент-東京", "t", "通話\n,\"x\"", "rec-ü", AccessEvent.Kind.PLAY,
                    AccessEvent.Via.NATIVE, null), Long.MAX_VALUE - 1, Long.MAX_VALUE, 1);
            later.close();
            log.close();
            // a gathering takes ids in order of tenant and client ("c2" first), not in the order recorded
            List<Map<String, Object>> rows = jdbc.queryForList("select * from access_log where bytes > 1 order by bytes");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsEntry("client_id", "user:o\"brien,x").containsEntry("call_id", "sip:1@pbx")
                    .containsEntry("recording_id", "rec-1").containsEntry("kind", "play").containsEntry("via", "signed-url")
                    .containsEntry("range_start", 0L).containsEntry("range_end", 65535L).containsEntry("bytes", 65536L)
                    .containsEntry("remote_addr", "::1").containsEntry("reason", null);
            assertThat(((Timestamp) rows.get(0).get("read_at")).toInstant()).isEqualTo(now);
            assertThat(rows.get(1)).containsEntry("recording_id", null).containsEntry("range_start", null)
                    .containsEntry("range_end", null).containsEntry("bytes", 960044L).containsEntry("kind", "download");
            Map<String, Object> other = jdbc.queryForMap("select * from access_log where bytes = 1");
            assertThat(other).containsEntry("client_id", "клиент-東京").containsEntry("call_id", "通話\n,\"x\"")
                    .containsEntry("recording_id", "rec-ü").containsEntry("range_start", Long.MAX_VALUE - 1)
                    .containsEntry("range_end", Long.MAX_VALUE).containsEntry("remote_addr", null);
            // before PostgreSQL's epoch (2000), rounded up to the next microsecond as PostgreSQL rounds a time in text
            assertThat(((Timestamp) other.get("read_at")).toInstant()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
            // and their runs and spans, with the same time to the microsecond
            assertThat(jdbc.queryForList("select first_at from access_log_runs where call_id not like '通%' union all"
                    + " select last_at from access_log_spans where client_id <> 'клиент-東京'", Timestamp.class)).hasSize(4)
                    .allSatisfy(at -> assertThat(at.toInstant()).isEqualTo(now));
            assertThat(jdbc.queryForList("select recording_id from access_log_runs", String.class))
                    .containsExactlyInAnyOrder(null, "rec-1", "rec-ü");

            // a value the column will not take (a client id longer than it) fails the COPY: only its row is lost
            AccessLog again = new AccessLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)),
                    Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30));
            for (int i = 0; i < 50; i++) {
                again.record(new AccessEvent(i == 17 ? "c".repeat(200) : "c3", "t", "call-3", "rec-3",
                        AccessEvent.Kind.PLAY, AccessEvent.Via.NATIVE, "192.0.2.1"), null, null, i);
            }
            again.close();
            assertThat(jdbc.queryForList("select bytes from access_log where client_id = 'c3' order by bytes", Long.class))
                    .hasSize(49).doesNotContain(17L);
        } finally {
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }
}
