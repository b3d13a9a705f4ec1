package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.callvault.support.StatementRecorder;
import io.callvault.support.TestDatabase;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A recording's, a call's, a client's and a tenant's reads are found through the runs and spans the writer stores
 * with each batch, not a per-row index: paged newest first they must be exactly the rows a scan of the whole log finds, across
 * many more runs than one look at the runs takes, and when two nodes' runs overlap. On the database of the test run (H2 in memory, or a
 * schema of its own on PostgreSQL).
 */
class AccessTrailTest {

    /** A run over ids first to last, read at EPOCH plus as many seconds as its ids. */
    private static final String RUN = "insert into access_log_runs (tenant_id, call_id, recording_id, client_id, first_id,"
            + " last_id, first_at, last_at) values ('t', 'call', ?, 'c', ?, ?, ?, ?)";
    /** And its span: a run holds only rows of its tenant and client. */
    private static final String SPAN = "insert into access_log_spans (tenant_id, client_id, first_id, last_id, first_at,"
            + " last_at) values ('t', 'c', ?, ?, ?, ?)";

    private DriverManagerDataSource db;
    private JdbcTemplate jdbc;
    private String schema;
    private AccessLog log;
    private AccessTrail trail;

    @BeforeEach
    void database() {
        if (TestDatabase.postgres()) {
            TestDatabase.assumeAvailable();
            schema = "at_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String url = TestDatabase.PG_URL;
            db = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    TestDatabase.PG_USER, "");
            Flyway.configure().dataSource(db).schemas(schema).load().migrate();
        } else {
            db = new DriverManagerDataSource("jdbc:h2:mem:trail-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            Flyway.configure().dataSource(db).load().migrate();
        }
        jdbc = new JdbcTemplate(db);
        log = new AccessLog(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)), Clock.systemUTC(),
                Duration.ofMillis(20));
        trail = new AccessTrail(JdbcClient.create(db));
    }

    @AfterEach
    void drop() throws InterruptedException {
        if (log == null) {
            return;
        }
        log.close();
        if (schema != null) {
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void everyFilteredPageIsExactAcrossHundredsOfBatches() {
        Random random = new Random(20261205L);
        // the oldest entry of call-1, hundreds of runs below its newest: found only when the look at the runs widens
        log.recordChange(new AccessEvent("admin", "t", "call-1", null, AccessEvent.Kind.HOLD, AccessEvent.Via.NATIVE,
                "127.0.0.1"), "litigation");
        // 300 batches: each reads a few of 12 recordings of 4 calls, so a recording has a run in most batches; one read
        // in four is of tenant u, whose recordings have the same ids (a tenant's page must not take another's rows)
        for (int batch = 0; batch < 300; batch++) {
            int reads = 1 + random.nextInt(6);
            for (int i = 0; i < reads; i++) {
                int recording = random.nextInt(12);
                log.record(read(random.nextInt(4) == 0 ? "u" : "t", "call-" + recording % 4, "rec-" + recording,
                        "client-" + random.nextInt(3)), (long) i, (long) i + 9, 10);
            }
            log.flush();
        }

        assertThat(jdbc.queryForObject("select count(*) from access_log_runs", Long.class)).isGreaterThan(300);
        assertThat(jdbc.queryForObject("select count(*) from access_log_spans", Long.class)).isGreaterThan(300);
        for (String recording : List.of("rec-0", "rec-5", "rec-11")) {
            assertThat(paged(new AccessTrail.Filter(null, null, recording, null, null, null, null, 7, null)))
                    .isEqualTo(scanned("recording_id = '" + recording + "'"));
        }
        assertThat(paged(new AccessTrail.Filter("t", null, null, "call-1", null, null, null, 25, null)))
                .isEqualTo(scanned("tenant_id = 't' and call_id = 'call-1'")).hasSizeGreaterThan(100);
        assertThat(paged(new AccessTrail.Filter("t", "client-2", null, "call-2", "play", null, null, 9, null)))
                .isEqualTo(scanned("tenant_id = 't' and call_id = 'call-2' and client_id = 'client-2' and kind = 'play'"));
        assertThat(paged(new AccessTrail.Filter("t", null, null, null, null, null, null, 40, null)))
                .isEqualTo(scanned("tenant_id = 't'")).hasSizeGreaterThan(600);
        assertThat(paged(new AccessTrail.Filter("u", null, null, null, null, null, null, 6, null)))
                .isEqualTo(scanned("tenant_id = 'u'")).hasSizeGreaterThan(100);
        assertThat(paged(new AccessTrail.Filter(null, "client-1", null, null, null, null, null, 30, null)))
                .isEqualTo(scanned("client_id = 'client-1'")).hasSizeGreaterThan(200);
        assertThat(paged(new AccessTrail.Filter("u", "client-0", null, null, "play", null, null, 4, null)))
                .isEqualTo(scanned("tenant_id = 'u' and client_id = 'client-0' and kind = 'play'"));
        assertThat(paged(new AccessTrail.Filter(null, "admin", null, null, null, null, null, 3, null))).hasSize(1);
        assertThat(paged(new AccessTrail.Filter("t", null, null, null, null, Instant.EPOCH,
                Instant.parse("2999-01-01T00:00:00Z"), 50, null))).isEqualTo(scanned("tenant_id = 't'"));
        assertThat(paged(new AccessTrail.Filter("t", null, null, "call-1", "hold", null, null, 5, null)))
                .hasSize(1);
        // a period in the middle: the runs outside it are passed over by their times, the rows of those within it
        // and at its edges tested one by one
        List<java.time.OffsetDateTime> times = jdbc.queryForList("select read_at from access_log order by id",
                java.time.OffsetDateTime.class);
        Instant from = times.get(times.size() / 3).toInstant();
        Instant to = times.get(2 * times.size() / 3).toInstant();
        for (AccessTrail.Filter period : List.of(new AccessTrail.Filter("t", null, null, null, null, from, to, 13, null),
                new AccessTrail.Filter("u", "client-1", null, null, null, from, to, 3, null),
                new AccessTrail.Filter(null, null, "rec-7", null, null, from, null, 2, null))) {
            List<Object> params = new ArrayList<>(List.of(from.atOffset(ZoneOffset.UTC)));
            StringBuilder where = new StringBuilder("read_at >= ?");
            for (String[] column : new String[][] {{"tenant_id", period.tenantId()}, {"client_id", period.clientId()},
                    {"recording_id", period.recordingId()}}) {
                if (column[1] != null) {
                    where.append(" and ").append(column[0]).append(" = ?");
                    params.add(column[1]);
                }
            }
            if (period.to() != null) {
                where.append(" and read_at < ?");
                params.add(period.to().atOffset(ZoneOffset.UTC));
            }
            List<Long> expected = jdbc.queryForList("select id from access_log where " + where + " order by id desc",
                    Long.class, params.toArray());
            assertThat(paged(period)).as(period.toString()).isEqualTo(expected).hasSizeGreaterThan(5);
        }
        assertThat(paged(new AccessTrail.Filter(null, null, "rec-0", null, null, Instant.parse("2999-01-01T00:00:00Z"),
                null, 5, null))).isEmpty();

        // a filter that matches one old row (or none) walks every run of the call (or client), and the runs of a
        // batch overlap: each id is read once, not once per run that covers it
        StatementRecorder recorder = new StatementRecorder(db);
        AccessTrail recorded = new AccessTrail(JdbcClient.create(recorder));
        assertThat(recorded.page(new AccessTrail.Filter("t", null, null, "call-1", "hold", null, null, 5, null)).entries())
                .hasSize(1);
        assertThat(readTwice(recorder.take())).isEmpty();
        assertThat(recorded.page(new AccessTrail.Filter(null, "client-1", null, null, "hold", null, null, 5, null))
                .entries()).isEmpty();
        assertThat(readTwice(recorder.take())).isEmpty();
    }

    /** The ids that more than one span read of these statements covered. */
    private static List<Long> readTwice(List<StatementRecorder.Statement> sent) {
        List<long[]> spans = sent.stream().filter(s -> !walks(s))
                .map(s -> new long[] {(Long) s.parameters().get(s.parameters().size() - 3),
                        (Long) s.parameters().get(s.parameters().size() - 2)})
                .sorted(Comparator.comparingLong(span -> span[0])).toList();
        assertThat(spans).as("span reads").hasSizeGreaterThan(10);
        List<Long> twice = new ArrayList<>();
        long readUpTo = Long.MIN_VALUE;
        for (long[] span : spans) {
            for (long id = span[0]; id <= Math.min(span[1], readUpTo); id++) {
                twice.add(id);
            }
            readUpTo = Math.max(readUpTo, span[1]);
        }
        return twice;
    }

    @Test
    void overlappingRunsOfTwoNodesNeitherLoseNorRepeatARow() {
        // two nodes' batches interleave their ids, so their runs of one recording overlap
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            String recording = id % 3 == 0 ? "rec-b" : "rec-a";
            jdbc.update("insert into access_log (id, read_at, client_id, tenant_id, call_id, recording_id, kind, via,"
                    + " bytes) values (?, ?, 'c', 't', 'call', ?, 'play', 'native', 1)", id,
                    Instant.EPOCH.plusSeconds(id).atOffset(ZoneOffset.UTC), recording);
            ids.add(id);
        }
        for (long first = 1; first <= 200; first += 2) {
            // 200 runs: two ids each, and over them runs that overlap their neighbours
            run("rec-a", first, first + 1);
            run("rec-a", first + 1, Math.min(first + 4, 200));
        }
        // and one of another node that spans nearly all of them
        run("rec-a", 3, 190);
        run("rec-b", 1, 200);

        assertThat(paged(new AccessTrail.Filter(null, null, "rec-a", null, null, null, null, 3, null)))
                .isEqualTo(scanned("recording_id = 'rec-a'")).hasSize(134);
        assertThat(paged(new AccessTrail.Filter("t", null, null, "call", null, null, null, 50, null)))
                .isEqualTo(newestFirst(ids));
        assertThat(paged(new AccessTrail.Filter("t", null, null, null, null, null, null, 7, null)))
                .isEqualTo(newestFirst(ids));
        assertThat(paged(new AccessTrail.Filter(null, "c", null, null, null, null, null, 11, null)))
                .isEqualTo(newestFirst(ids));
        // a period: the runs that span it and those within it are read, the rest passed over
        assertThat(paged(new AccessTrail.Filter("t", null, null, null, null, Instant.EPOCH.plusSeconds(50),
                Instant.EPOCH.plusSeconds(120), 8, null)))
                .isEqualTo(newestFirst(ids.subList(49, 119))).hasSize(70);
    }

    /**
     * H2 reads a page in an index's own order only: no page of a tenant or a client may read or sort all its rows;
     * the runs (one per row here, as the migrations made them, with their row's time) are walked in their index's
     * order, and a period's page reads only rows of runs within the period.
     */
    @Test
    void aTenantsAndAClientsPagesAreReadOffIndexesOnTheEmbeddedDatabase() {
        Assumptions.assumeFalse(TestDatabase.postgres(), "H2 only (the query plan test EXPLAINs PostgreSQL's)");
        jdbc.update("""
                insert into access_log (read_at, client_id, tenant_id, call_id, recording_id, kind, via, bytes)
                select timestamp with time zone '2026-01-01 00:00:00+00' + x * interval '1' second, 'c' || mod(x, 7),
                  't' || mod(x, 3), 'call', 'rec', 'play', 'native', 1 from system_range(1, 100000)""");
        jdbc.update("""
                insert into access_log_runs (tenant_id, call_id, recording_id, client_id, first_id, last_id, first_at,
                  last_at) select tenant_id, call_id, recording_id, client_id, id, id, read_at, read_at from access_log""");
        jdbc.update("""
                insert into access_log_spans (tenant_id, client_id, first_id, last_id, first_at, last_at)
                select tenant_id, client_id, id, id, read_at, read_at from access_log""");
        jdbc.execute("analyze");
        StatementRecorder recorder = new StatementRecorder(db);
        AccessTrail recorded = new AccessTrail(JdbcClient.create(recorder));
        recorded.page(new AccessTrail.Filter("t1", null, null, null, null, null, null, 100, null));
        recorded.page(new AccessTrail.Filter(null, "c3", null, null, null, null, null, 100, null));
        // deep in the history: the walk of the runs starts near the cursor, not at the newest of 80,000 rows
        recorded.page(new AccessTrail.Filter("t2", "c4", null, null, "play", null, null, 100, 20000L));
        recorded.page(new AccessTrail.Filter("t0", null, null, null, null, null, null, 100, 20000L));
        List<StatementRecorder.Statement> sent = new ArrayList<>(recorder.take());
        // the hour from 02:00 (ids 7,200 to 10,799): its rows are read, none of the 89,200 after it
        assertThat(recorded.page(new AccessTrail.Filter("t0", null, null, null, null,
                Instant.parse("2026-01-01T02:00:00Z"), Instant.parse("2026-01-01T03:00:00Z"), 100, null)).entries())
                .hasSize(100).allSatisfy(e -> assertThat(e.id()).isBetween(7200L, 10799L));
        List<StatementRecorder.Statement> period = recorder.take();
        assertThat(period.stream().filter(s -> !walks(s))).isNotEmpty()
                .allSatisfy(span -> assertThat(span.parameters().subList(span.parameters().size() - 3,
                        span.parameters().size() - 1)).allSatisfy(id -> assertThat((Long) id).isBetween(7200L, 10799L)));
        assertThat(sent).hasSizeGreaterThan(4);
        sent.addAll(period);
        for (StatementRecorder.Statement statement : sent) {
            String plan = jdbc.queryForObject("explain analyze " + statement.sql(), String.class,
                    statement.parameters().toArray());
            assertThat(plan).as(plan).doesNotContain("tableScan");
            boolean runs = walks(statement);
            if (runs) {
                // walked newest first off the index of its key, never sorted
                assertThat(plan).as(plan).contains("index sorted");
            }
            java.util.regex.Matcher scans = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
            while (scans.find()) {
                int scanned = Integer.parseInt(scans.group(1));
                if (!runs) {
                    // a span of the runs is a few ids: none may read a tenant's 33,000 rows
                    assertThat(scanned).as(plan).isLessThan(2000);
                } else if (!period.contains(statement)) {
                    // the walk of the runs starts at most AccessLog.RUN_SPAN ids above the cursor (5,461 of the
                    // tenant's runs), not at the newest; a period's walk passes over the tenant's later runs, one
                    // index entry each
                    assertThat(scanned).as(plan).isLessThan(6000);
                }
            }
        }
    }

    private void run(String recording, long first, long last) {
        jdbc.update(RUN, recording, first, last, Instant.EPOCH.plusSeconds(first).atOffset(ZoneOffset.UTC),
                Instant.EPOCH.plusSeconds(last).atOffset(ZoneOffset.UTC));
        jdbc.update(SPAN, first, last, Instant.EPOCH.plusSeconds(first).atOffset(ZoneOffset.UTC),
                Instant.EPOCH.plusSeconds(last).atOffset(ZoneOffset.UTC));
    }

    /** Whether the statement walks runs or spans (the others read rows of a span of ids). */
    private static boolean walks(StatementRecorder.Statement statement) {
        return statement.sql().contains("access_log_runs") || statement.sql().contains("access_log_spans");
    }

    private List<Long> paged(AccessTrail.Filter filter) {
        return paged(trail, filter);
    }

    /** The ids of every page of the filter, following each page's cursor as a client does. */
    static List<Long> paged(AccessTrail trail, AccessTrail.Filter filter) {
        List<Long> ids = new ArrayList<>();
        AccessTrail.Filter next = filter;
        while (next != null) {
            AccessTrail.Page page = trail.page(next);
            page.entries().forEach(e -> ids.add(e.id()));
            next = page.nextCursor() == null ? null : next.after(Long.parseLong(page.nextCursor()));
        }
        return ids;
    }

    private List<Long> scanned(String where) {
        return jdbc.queryForList("select id from access_log where " + where + " order by id desc", Long.class);
    }

    private static List<Long> newestFirst(List<Long> ids) {
        List<Long> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        return reversed;
    }

    private static AccessEvent read(String tenant, String call, String recording, String client) {
        return new AccessEvent(client, tenant, call, recording, AccessEvent.Kind.PLAY, AccessEvent.Via.NATIVE, "127.0.0.1");
    }
}
