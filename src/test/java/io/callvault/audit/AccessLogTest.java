package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log's queue under a burst from many readers: every row recorded is written, none twice, whether it
 * went through the queue or, past the queue's capacity, was written by the reader itself, and each in a run of its
 * recording and a span of its tenant and client; and a row the database refuses loses only itself.
 */
class AccessLogTest {

    private static final int READERS = 8;
    private static final int READS_EACH = 8_000;

    private JdbcTemplate jdbc;
    private DriverManagerDataSource db;

    @BeforeEach
    void database() {
        db = new DriverManagerDataSource("jdbc:h2:mem:access-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
    }

    private AccessLog accessLog(Duration gatherInterval) {
        return new AccessLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)), Clock.systemUTC(),
                gatherInterval);
    }

    /** Rows not within the ids and times of a run of their recording and client, or of a span of their tenant and client. */
    private long rowsOutsideARunOrSpanOfTheirKeys() {
        return jdbc.queryForObject("""
                select count(*) from access_log a where not exists (select 1 from access_log_runs r
                  where r.recording_id = a.recording_id and r.tenant_id = a.tenant_id and r.call_id = a.call_id
                  and r.client_id = a.client_id and a.id between r.first_id and r.last_id
                  and a.read_at between r.first_at and r.last_at)
                or not exists (select 1 from access_log_spans s
                  where s.tenant_id = a.tenant_id and s.client_id = a.client_id and a.id between s.first_id and s.last_id
                  and a.read_at between s.first_at and s.last_at)""", Long.class);
    }

    @Test
    void noRunSpansAsManyIdsAsTheAuditTrailSkipsAbove() {
        // one recording read all through a gathering whose ids other nodes took turns with: 60,000 ids for 600 rows
        List<Object[]> rows = new ArrayList<>();
        long[] ids = new long[600];
        for (int i = 0; i < ids.length; i++) {
            rows.add(new Object[] {java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z").plusSeconds(i), "client", "t",
                    "call", i % 2 == 0 ? "rec-all-through" : "rec-" + i, "play", "native", null, null, 1L, null, null});
            ids[i] = 1000 + 100L * i;
        }
        List<Object[]> runs = AccessLog.runs(rows, ids);

        assertThat(runs).allSatisfy(run -> assertThat((Long) run[5] - (Long) run[4]).isLessThan(AccessLog.RUN_SPAN));
        List<Object[]> allThrough = runs.stream().filter(run -> run[2].equals("rec-all-through")).toList();
        assertThat(allThrough).hasSize(4); // 300 rows 200 ids apart: 82 of them fit in 16,384 ids
        assertThat(allThrough.get(0)[4]).isEqualTo(1000L);
        assertThat(allThrough.get(3)[5]).isEqualTo(1000 + 100L * 598);
        for (int i = 0; i < allThrough.size(); i++) {
            Object[] run = allThrough.get(i);
            // each run's times are those of its first and last row
            assertThat(run[6]).isEqualTo(rows.get((int) (((Long) run[4] - 1000) / 100))[0]);
            assertThat(run[7]).isEqualTo(rows.get((int) (((Long) run[5] - 1000) / 100))[0]);
            if (i > 0) {
                assertThat((Long) run[4]).isEqualTo((Long) allThrough.get(i - 1)[5] + 200);
            }
        }
        // and the spans: all 600 rows are of one tenant and client, 100 ids apart, so 164 fit in one
        List<Object[]> spans = AccessLog.spans(rows, ids);
        assertThat(spans).extracting(span -> (Long) span[3] - (Long) span[2])
                .containsExactly(16_300L, 16_300L, 16_300L, 10_700L);
        assertThat(spans).extracting(span -> span[2]).containsExactly(1000L, 17_400L, 33_800L, 50_200L);
        assertThat(spans).allSatisfy(span -> assertThat(span).startsWith("t", "client"));
        assertThat(spans.get(3)[5]).isEqualTo(rows.get(599)[0]);
    }

    @Test
    void aTenantsAndAClientsRowsOfOneGatheringTakeConsecutiveIdsInTheOrderTheyCame() throws Exception {
        AccessLog log = accessLog(Duration.ofSeconds(30));
        for (int i = 0; i < 300; i++) {
            log.record(new AccessEvent("client-" + i % 2, "tenant-" + i % 3, "call", "rec-" + i % 5,
                    AccessEvent.Kind.PLAY, AccessEvent.Via.NATIVE, "127.0.0.1"), null, null, i);
        }
        log.close();

        // so a tenant's or a client's page reads its own rows off its spans, not others' between them
        assertThat(jdbc.queryForList("select max(id) - min(id) + 1 - count(*) from access_log group by tenant_id",
                Long.class)).containsExactly(0L, 0L, 0L);
        assertThat(jdbc.queryForList("select max(id) - min(id) + 1 - count(*) from access_log group by tenant_id,"
                + " client_id", Long.class)).hasSize(6).containsOnly(0L);
        assertThat(jdbc.queryForObject("select count(*) from access_log_spans", Long.class)).isEqualTo(6);
        for (int t = 0; t < 3; t++) {
            List<Long> bytes = jdbc.queryForList("select bytes from access_log where tenant_id = ? order by id",
                    Long.class, "tenant-" + t);
            assertThat(bytes).hasSize(100);
            for (int c = 0; c < 2; c++) {
                assertThat(jdbc.queryForList("select bytes from access_log where tenant_id = ? and client_id = ?"
                        + " order by id", Long.class, "tenant-" + t, "client-" + c)).hasSize(50).isSorted();
            }
        }
        assertThat(rowsOutsideARunOrSpanOfTheirKeys()).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesCostsOnlyItself() throws Exception {
        AccessLog log = accessLog(Duration.ofSeconds(30));
        for (int i = 0; i < 3000; i++) {
            // one client id longer than the column takes, in the middle of one gathering
            String client = i == 1777 ? "c".repeat(200) : "client";
            log.record(new AccessEvent(client, "t", "call-" + i % 7, "rec-" + i % 13, AccessEvent.Kind.PLAY,
                    AccessEvent.Via.NATIVE, "127.0.0.1"), null, null, i);
        }
        log.close();

        assertThat(jdbc.queryForObject("select count(*) from access_log", Long.class)).isEqualTo(2999L);
        assertThat(jdbc.queryForObject("select count(*) from access_log where bytes = 1777", Long.class)).isZero();
        assertThat(rowsOutsideARunOrSpanOfTheirKeys()).isZero();
    }

    @Test
    void aBurstLargerThanTheQueueLosesNoRow() throws Exception {
        AccessLog log = accessLog(Duration.ofMillis(50));

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
        // every row lies in a run of its recording and client, through which the audit trail finds it
        assertThat(rowsOutsideARunOrSpanOfTheirKeys()).isZero();
    }
}
