package io.callvault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.callvault.support.TestDatabase;

/**
 * Every query the API runs on a request, EXPLAINed on PostgreSQL over a catalog of 100,000 calls and 200,000
 * recordings in 50 tenants (and 200,000 access-log rows, for the audit API): each must be answered from an index,
 * never a sequential scan. The statements are those of the repositories, with literal values.
 */
class QueryPlanTest {

    private static final String SCHEMA = "cv_plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static Connection db;

    static Map<String, String> queries() {
        return Map.ofEntries(
                Map.entry("call by id", "select * from calls where tenant_id = 't-7' and id = 'c-7-1234'"),
                Map.entry("recordings of a call",
                        "select * from recordings where tenant_id = 't-7' and call_id = 'c-7-1234' order by record_id"),
                Map.entry("recording by id", "select * from recordings where id = 'r-7-1234-1' and tenant_id = 't-7'"),
                Map.entry("segment", "select * from recordings where tenant_id = 't-7' and call_id = 'c-7-1234' and record_id = 2"),
                Map.entry("first page", "select * from calls where tenant_id = 't-7' order by sort_time desc, id desc limit 51"),
                Map.entry("next page", "select * from calls where tenant_id = 't-7' and (sort_time, id) < "
                        + "(timestamptz '2026-01-10 00:00:00+00', 'c-7-0500') order by sort_time desc, id desc limit 51"),
                Map.entry("time window", "select * from calls where tenant_id = 't-7' and sort_time >= timestamptz "
                        + "'2026-01-05 00:00:00+00' and sort_time < timestamptz '2026-01-06 00:00:00+00' "
                        + "order by sort_time desc, id desc limit 51"),
                Map.entry("by ani", "select * from calls where tenant_id = 't-7' and ani = '0300000042' "
                        + "order by sort_time desc, id desc limit 51"),
                Map.entry("by agent", "select * from calls where tenant_id = 't-7' and agent_id = 'agent-3' "
                        + "order by sort_time desc, id desc limit 51"),
                Map.entry("recordings of a page", "select * from recordings where tenant_id = 't-7' and call_id in "
                        + "('c-7-1', 'c-7-2', 'c-7-3') order by call_id, record_id"),
                Map.entry("api key", "select * from clients where api_key_hash = 'abc' and revoked_at is null"),
                Map.entry("token", "select client_id, tenant_id, expires_at from wellcloud_tokens where token_hash = 'abc'"),
                Map.entry("client tenants", "select tenant_id from client_tenants where client_id = 'x' order by tenant_id"),
                Map.entry("transcript", "select * from transcript_sentences where tenant_id = 't-7' and call_id = 'c-7-1' "
                        + "and record_id = 1 order by sequence"),
                // the audit API (AccessLogController): newest first by id, after a cursor, per filter
                Map.entry("reads of a tenant", "select * from access_log where 1 = 1 and tenant_id = 't-7' "
                        + "and id < 150000 order by id desc limit 101"),
                Map.entry("reads by a client", "select * from access_log where 1 = 1 and client_id = 'client-7' "
                        + "order by id desc limit 101"),
                Map.entry("reads of a recording", "select * from access_log where 1 = 1 and recording_id = 'r-t-7-c-7-1-1' "
                        + "order by id desc limit 101"),
                Map.entry("reads of a recording in a period", "select * from access_log where 1 = 1 "
                        + "and recording_id = 'r-t-7-c-7-1-1' and read_at >= timestamptz '2026-01-05 00:00:00+00' "
                        + "and read_at < timestamptz '2026-01-06 00:00:00+00' order by id desc limit 101"),
                Map.entry("reads of a call", "select * from access_log where 1 = 1 and tenant_id = 't-7' "
                        + "and call_id = 'c-7-1' order by id desc limit 101"),
                Map.entry("reads of a tenant in a period", "select * from access_log where 1 = 1 and tenant_id = 't-7' "
                        + "and read_at >= timestamptz '2026-01-05 00:00:00+00' "
                        + "and read_at < timestamptz '2026-01-06 00:00:00+00' order by id desc limit 101"));
    }

    @BeforeAll
    static void catalog() throws SQLException {
        try {
            db = DriverManager.getConnection(TestDatabase.PG_URL, TestDatabase.PG_USER, "");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("the query plan test needs PostgreSQL at " + TestDatabase.PG_URL, e);
            }
            Assumptions.abort("PostgreSQL not reachable, skipping the query plans: " + e.getMessage());
        }
        Flyway.configure().dataSource(TestDatabase.PG_URL, TestDatabase.PG_USER, "").schemas(SCHEMA).load().migrate();
        try (Statement s = db.createStatement()) {
            s.execute("set search_path to " + SCHEMA);
            s.execute("insert into tenants select 't-' || g, 'tenant ' || g, 'UTC', null, 31, now() from generate_series(1, 50) g");
            s.execute("""
                    insert into calls (tenant_id, id, direction, ani, dnis, agent_id, connect_time, disconnect_time,
                      sort_time, created_at, updated_at)
                    select 't-' || (g % 50 + 1), 'c-' || (g % 50 + 1) || '-' || (g / 50), 'Inbound',
                      '03' || lpad((g % 100000)::text, 8, '0'), '0120', 'agent-' || (g % 40),
                      timestamptz '2026-01-01' + g * interval '13 seconds',
                      timestamptz '2026-01-01' + g * interval '13 seconds' + interval '3 minutes',
                      timestamptz '2026-01-01' + g * interval '13 seconds', now(), now()
                    from generate_series(0, 99999) g""");
            s.execute("""
                    insert into recordings (id, tenant_id, call_id, record_id, state, store, storage_key, file_size,
                      sha256, format, encoding, channels, sample_rate, bits_per_sample, duration_ms, data_offset,
                      data_length, created_at)
                    select 'r-' || c.tenant_id || '-' || c.id || '-' || n, c.tenant_id, c.id, n, 'Success', 'filesystem',
                      'ab/cd/' || md5(c.id || n) || '.wav', 960044, md5(c.id), 'wav', 'pcm', 1, 8000, 16, 60000, 44,
                      960000, now()
                    from calls c cross join generate_series(1, 2) n""");
            s.execute("""
                    insert into clients (id, name, api_key_hash, app_id, app_secret_hash, source_uuid, scopes, created_at)
                    select 'client-' || g, 'client', md5('k' || g) || md5('x' || g), 'app-' || g, md5('s' || g),
                      'src-' || g, 'read,ingest', now() from generate_series(1, 20000) g""");
            s.execute("insert into client_tenants select 'client-' || g, 't-' || (g % 50 + 1) from generate_series(1, 20000) g");
            s.execute("""
                    insert into wellcloud_tokens select md5('t' || g) || md5('u' || g), 'client-' || (g % 20000 + 1),
                      't-' || (g % 50 + 1), now() + interval '1 day' from generate_series(1, 50000) g""");
            s.execute("""
                    insert into transcripts select tenant_id, id, 'complete', null, now() from calls where id like '%-1_'""");
            s.execute("""
                    insert into transcript_records (tenant_id, call_id, record_id)
                    select tenant_id, call_id, 1 from transcripts""");
            s.execute("""
                    insert into transcript_sentences (tenant_id, call_id, record_id, sequence, speaker_id, text)
                    select r.tenant_id, r.call_id, 1, n, 1 + n % 2, 'sentence ' || n
                    from transcript_records r cross join generate_series(1, 20) n""");
            s.execute("""
                    insert into access_log (read_at, client_id, tenant_id, call_id, recording_id, kind, via, bytes)
                    select timestamptz '2026-01-01' + g * interval '4 seconds', 'client-' || (g % 20000 + 1),
                      r.tenant_id, r.call_id, r.id, 'play', 'native', 960044
                    from generate_series(0, 199999) g
                    join recordings r on r.id = 'r-t-' || (g % 50 + 1) || '-c-' || (g % 50 + 1) || '-' || (g / 50 % 2000)
                      || '-' || (g % 2 + 1)""");
            s.execute("analyze");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (db != null) {
            try (Statement s = db.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
            }
            db.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void isAnsweredFromAnIndex(String name) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("explain " + queries().get(name))) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        assertThat(plan.toString()).as(name + ":\n" + plan).doesNotContain("Seq Scan").containsPattern("Index (Only )?Scan");
    }

    static java.util.stream.Stream<String> names() {
        return queries().keySet().stream().sorted();
    }
}
