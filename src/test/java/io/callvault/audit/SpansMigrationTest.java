package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Version 16 on an archive logged before it: the spans are made from the runs, and a tenant's and a client's pages,
 * now read through the spans, find every row, as the runs' indexes by tenant and client go. A start killed after any
 * of its steps is finished by the next. A node still on version 15 during a rolling upgrade writes runs and no spans:
 * its rows are found by their recording at once, and by their tenant and client once the migration's insert runs
 * again, as docs/deployment.md says; a second run of it adds nothing. On the database of the test run.
 */
class SpansMigrationTest extends AccessLogMigrationTest {

    private static final String SCRIPT = "V16__access_log_spans.sql";

    /** A new database at version 15 with 60 reads of two tenants and two clients, as version 15 logs them. */
    private DriverManagerDataSource atVersion15() {
        DriverManagerDataSource db = at("15");
        logAsVersion15(new JdbcTemplate(db), 1, 60);
        return db;
    }

    /** Rows from first to last and a run for each, as a node on version 15 writes them: no spans. */
    private static void logAsVersion15(JdbcTemplate jdbc, int first, int last) {
        for (int i = first; i <= last; i++) {
            jdbc.update("insert into access_log (id, read_at, client_id, tenant_id, call_id, recording_id, kind, via,"
                    + " bytes) values (?, ?, ?, ?, 'call', 'rec', 'play', 'native', 1)", i, at(i), client(i), tenant(i));
            jdbc.update("insert into access_log_runs (tenant_id, call_id, recording_id, client_id, first_id, last_id,"
                    + " first_at, last_at) values (?, 'call', 'rec', ?, ?, ?, ?, ?)", tenant(i), client(i), i, i, at(i), at(i));
        }
    }

    private static String client(int i) {
        return i % 3 == 0 ? "d" : "c";
    }

    @Test
    void everyRowIsFoundByItsTenantAndClientThroughTheSpans() {
        DriverManagerDataSource db = atVersion15();
        migrate(db);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertOneEntryPerRow(db, "access_log_spans", 60, "tenant_id", "client_id");

        AccessTrail trail = new AccessTrail(JdbcClient.create(db));
        assertFound(trail, 60, i -> true);

        // a node still on version 15 during a rolling upgrade: its rows are found by recording, not yet by tenant
        logAsVersion15(jdbc, 61, 70);
        assertThat(AccessTrailTest.paged(trail, new AccessTrail.Filter(null, null, "rec", null, null, null, null, 9,
                null))).hasSize(70).startsWith(70L, 69L);
        assertFound(trail, 70, i -> i <= 60);
        // the migration's insert, run once every node is on version 16, makes their spans; again, it adds none
        String insert = steps(SCRIPT).stream().filter(s -> s.strip().startsWith("insert")).findFirst()
                .orElseThrow();
        assertThat(jdbc.update(insert)).isEqualTo(10);
        assertFound(trail, 70, i -> true);
        assertThat(jdbc.update(insert)).isZero();
    }

    /** Each tenant's and each client's pages (one period too) are exactly the rows up to last that are expected. */
    private static void assertFound(AccessTrail trail, int last, IntPredicate expected) {
        for (String tenant : List.of("t", "u")) {
            assertThat(AccessTrailTest.paged(trail, new AccessTrail.Filter(tenant, null, null, null, null, null, null, 7,
                    null))).as(tenant).isEqualTo(newest(last, i -> expected.test(i) && tenant(i).equals(tenant)));
        }
        for (String client : List.of("c", "d")) {
            assertThat(AccessTrailTest.paged(trail, new AccessTrail.Filter(null, client, null, null, null, null, null, 5,
                    null))).as(client).isEqualTo(newest(last, i -> expected.test(i) && client(i).equals(client)));
        }
        assertThat(AccessTrailTest.paged(trail, new AccessTrail.Filter("t", "d", null, null, null, at(20).toInstant(),
                at(66).toInstant(), 2, null))).isEqualTo(newest(last, i -> expected.test(i) && i >= 20 && i < 66
                        && tenant(i).equals("t") && client(i).equals("d")));
    }

    private static List<Long> newest(int last, IntPredicate taken) {
        List<Long> ids = new ArrayList<>();
        for (int i = last; i >= 1; i--) {
            if (taken.test(i)) {
                ids.add((long) i);
            }
        }
        return ids;
    }

    @Test
    void aStartKilledAfterAnyStepIsFinishedByTheNext() {
        assertAStartKilledAfterAnyStepIsFinishedByTheNext(SCRIPT, this::atVersion15, SpansMigrationTest::state);
    }

    private static String state(DriverManagerDataSource db) {
        return state(db, "select tenant_id, client_id, first_id, last_id, first_at, last_at"
                + " from access_log_spans order by first_id");
    }

    private static OffsetDateTime at(int second) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second).atOffset(ZoneOffset.UTC);
    }
}
