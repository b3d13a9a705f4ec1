package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Version 15 on an archive logged before it: the runs are made again, one per row with its row's time, and a
 * tenant's pages and periods, now read through the runs, find every row. A start killed after any of its steps (H2
 * commits each DDL statement as it goes) is finished by the next: each prefix of the script, then the whole
 * migration, ends in the same runs and indexes. On the database of the test run (H2 in memory, or a schema of its
 * own on PostgreSQL).
 */
class RunTimesMigrationTest extends AccessLogMigrationTest {

    private static final String SCRIPT = "V15__access_log_runs_by_tenant.sql";

    /** A new database at version 14 with 60 reads of two tenants logged, as version 14 left them: a run per row. */
    private DriverManagerDataSource atVersion14() {
        DriverManagerDataSource db = at("14");
        JdbcTemplate jdbc = new JdbcTemplate(db);
        for (int i = 1; i <= 60; i++) {
            jdbc.update("insert into access_log (id, read_at, client_id, tenant_id, call_id, recording_id, kind, via,"
                    + " bytes) values (?, ?, 'c', ?, 'call', 'rec', 'play', 'native', 1)", i, at(i), tenant(i));
            jdbc.update("insert into access_log_runs (tenant_id, call_id, recording_id, client_id, first_id, last_id)"
                    + " values (?, 'call', 'rec', 'c', ?, ?)", tenant(i), i, i);
        }
        return db;
    }

    @Test
    void everyRowGetsARunWithItsTimeAndIsFoundByItsTenant() {
        DriverManagerDataSource db = atVersion14();
        migrate(db);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertOneEntryPerRow(db, "access_log_runs", 60, "tenant_id");

        AccessTrail trail = new AccessTrail(JdbcClient.create(db));
        List<Long> tenantT = new ArrayList<>();
        for (long i = 60; i >= 1; i--) {
            if (tenant((int) i).equals("t")) {
                tenantT.add(i);
            }
        }
        AccessTrail.Filter all = new AccessTrail.Filter("t", null, null, null, null, null, null, 7, null);
        assertThat(AccessTrailTest.paged(trail, all)).isEqualTo(tenantT).hasSize(45);
        AccessTrail.Filter period = new AccessTrail.Filter("t", null, null, null, null, at(20).toInstant(),
                at(50).toInstant(), 4, null);
        assertThat(AccessTrailTest.paged(trail, period))
                .isEqualTo(tenantT.stream().filter(id -> id >= 20 && id < 50).toList()).hasSize(22);

        // a node still on version 14 during a rolling upgrade writes its rows, and runs without times: none refused,
        // and a recording's period finds them as any other (a tenant's, since version 16, once the spans are made
        // again: SpansMigrationTest)
        jdbc.update("insert into access_log (id, read_at, client_id, tenant_id, call_id, recording_id, kind, via, bytes)"
                + " values (61, ?, 'c', 't', 'call', 'rec', 'play', 'native', 1), (62, ?, 'c', 't', 'call', 'rec', 'play',"
                + " 'native', 1)", at(30), at(70));
        jdbc.update("insert into access_log_runs (tenant_id, call_id, recording_id, client_id, first_id, last_id)"
                + " values ('t', 'call', 'rec', 'c', 61, 62)");
        List<Long> inPeriod = new ArrayList<>(List.of(61L));
        for (long id = 49; id >= 20; id--) {
            inPeriod.add(id);
        }
        assertThat(AccessTrailTest.paged(trail, new AccessTrail.Filter(null, null, "rec", null, null,
                at(20).toInstant(), at(50).toInstant(), 4, null))).isEqualTo(inPeriod);
        assertThat(AccessTrailTest.paged(trail, new AccessTrail.Filter(null, null, "rec", null, null, at(60).toInstant(),
                null, 4, null))).containsExactly(62L, 60L);
    }

    @Test
    void aStartKilledAfterAnyStepIsFinishedByTheNext() {
        assertAStartKilledAfterAnyStepIsFinishedByTheNext(SCRIPT, this::atVersion14, RunTimesMigrationTest::state);
    }

    /** The runs, the access log's and the runs' indexes, and no table left over. */
    private static String state(DriverManagerDataSource db) {
        return state(db, "select tenant_id, first_id, last_id, first_at, last_at from access_log_runs"
                + " order by first_id");
    }

    private static OffsetDateTime at(int second) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second).atOffset(ZoneOffset.UTC);
    }
}
