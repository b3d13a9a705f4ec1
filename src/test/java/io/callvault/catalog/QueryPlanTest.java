package io.callvault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.callvault.audit.AccessTrail;
import io.callvault.support.StatementRecorder;
import io.callvault.support.TestDatabase;
import io.callvault.tenancy.AccessTokenRepository;
import io.callvault.tenancy.ClientRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Every query the API runs on a request, EXPLAINed on PostgreSQL over a catalog of 100,000 calls and 200,000
 * recordings in 50 tenants (and 200,000 access-log rows, for the audit API): each must be answered from an index,
 * never a sequential scan. The statements are the ones the repositories themselves send, recorded as they run
 * with the parameters they bind, not copies of their SQL.
 */
class QueryPlanTest {

    private static final String SCHEMA = "cv_plan_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final Instant DAY = Instant.parse("2026-01-05T00:00:00Z");
    private static Connection db;
    private static StatementRecorder recorder;

    static Map<String, Consumer<JdbcClient>> queries() {
        Map<String, Consumer<JdbcClient>> queries = new LinkedHashMap<>();
        queries.put("call by id", jdbc -> new CallRepository(jdbc).find("t-7", "c-7-1234"));
        queries.put("recordings of a call", jdbc -> new RecordingRepository(jdbc).findByCall("t-7", "c-7-1234"));
        queries.put("recording by id", jdbc -> new RecordingRepository(jdbc).find("t-7", "r-t-7-c-7-1234-1"));
        queries.put("segment", jdbc -> new RecordingRepository(jdbc).findSegment("t-7", "c-7-1234", 2));
        queries.put("live leg by the platform's id", jdbc -> new RecordingRepository(jdbc).vendorRecordIdTaken("t-7",
                "c-7-1234", "leg-1"));
        queries.put("next segment number", jdbc -> new RecordingRepository(jdbc).nextRecordId("t-7", "c-7-1234"));
        queries.put("recordings of a page", jdbc -> new RecordingRepository(jdbc).findByCalls("t-7",
                List.of("c-7-1", "c-7-2", "c-7-3")));
        queries.put("first page", jdbc -> search(jdbc, null, null, null, null, null, null, null));
        queries.put("next page", jdbc -> search(jdbc, null, null, null, null, null, null,
                new CallCursor(Instant.parse("2026-01-10T00:00:00Z"), "c-7-0500")));
        queries.put("time window", jdbc -> search(jdbc, DAY, DAY.plusSeconds(86400), null, null, null, null, null));
        queries.put("by ani digits", jdbc -> search(jdbc, null, null, "030000004", null, null, null, null));
        queries.put("by dnis digits", jdbc -> search(jdbc, null, null, null, "0120", null, null, null));
        queries.put("by agent", jdbc -> search(jdbc, null, null, null, null, "agent-3", null, null));
        queries.put("by skill", jdbc -> search(jdbc, null, null, null, null, null, "skill-3", null));
        queries.put("comdesign history", jdbc -> new CallRepository(jdbc).search(
                CallQuery.between("t-7", DAY, DAY.plusSeconds(86400), 100, null).onlySessionNumbers()));
        queries.put("api key", jdbc -> new ClientRepository(jdbc).findActiveByApiKeyHash("abc"));
        queries.put("previous api key", jdbc -> new ClientRepository(jdbc).findActiveByAnyApiKeyHash("abc", Instant.now()));
        queries.put("source uuid", jdbc -> new ClientRepository(jdbc).findActiveBySourceUuid("src-7"));
        queries.put("app id", jdbc -> new ClientRepository(jdbc).findActiveByAppId("app-7"));
        queries.put("token", jdbc -> new AccessTokenRepository(jdbc).find("abc"));
        queries.put("transcript", jdbc -> new TranscriptRepository(jdbc, null).findSegment("t-7", "c-7-10", 1));
        queries.put("reads of a tenant", jdbc -> trail(jdbc, "t-7", null, null, null, null, null, 150000L));
        queries.put("reads by a client", jdbc -> trail(jdbc, null, "client-7", null, null, null, null, null));
        queries.put("reads of a recording", jdbc -> trail(jdbc, null, null, "r-t-7-c-7-1-1", null, null, null, null));
        queries.put("reads of a recording in a period", jdbc -> trail(jdbc, null, null, "r-t-7-c-7-1-1", null, DAY,
                DAY.plusSeconds(86400), null));
        queries.put("reads of a call", jdbc -> trail(jdbc, "t-7", null, null, "c-7-1", null, null, null));
        queries.put("reads of a tenant in a period", jdbc -> trail(jdbc, "t-7", null, null, null, DAY,
                DAY.plusSeconds(86400), null));
        return queries;
    }

    private static void search(JdbcClient jdbc, Instant from, Instant to, String ani, String dnis, String agent,
            String skill, CallCursor after) {
        new CallRepository(jdbc).search(new CallQuery("t-7", from, to, ani, dnis, agent, null, skill, null, null, null, false, false, 51, after));
    }

    private static void trail(JdbcClient jdbc, String tenant, String client, String recording, String call, Instant from,
            Instant to, Long after) {
        new AccessTrail(jdbc).page(new AccessTrail.Filter(tenant, client, recording, call, null, from, to, 100, after));
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
        recorder = new StatementRecorder(new SingleConnectionDataSource(TestDatabase.PG_URL + (TestDatabase.PG_URL.contains("?")
                ? "&" : "?") + "currentSchema=" + SCHEMA, TestDatabase.PG_USER, "", true));
        try (Statement s = db.createStatement()) {
            s.execute("set search_path to " + SCHEMA);
            s.execute("insert into tenants select 't-' || g, 'tenant ' || g, 'UTC', null, 31, now() from generate_series(1, 50) g");
            s.execute("""
                    insert into calls (tenant_id, id, direction, ani, dnis, ani_digits, dnis_digits, agent_id, skill_name,
                      connect_time, disconnect_time, sort_time, created_at, updated_at)
                    select 't-' || (g % 50 + 1), case when g % 3 = 0 then (g + 1)::text else 'c-' || (g % 50 + 1) || '-' || (g / 50) end,
                      'Inbound', '03' || lpad((g % 100000)::text, 8, '0'), '0120-' || (g % 1000),
                      '03' || lpad((g % 100000)::text, 8, '0'), '0120' || (g % 1000), 'agent-' || (g % 40), 'skill-' || (g % 30),
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
            s.execute("""
                    insert into access_log_runs (tenant_id, call_id, recording_id, client_id, first_id, last_id,
                      first_at, last_at)
                    select tenant_id, call_id, recording_id, client_id, id, id, read_at, read_at from access_log""");
            s.execute("""
                    insert into access_log_spans (tenant_id, client_id, first_id, last_id, first_at, last_at)
                    select tenant_id, client_id, id, id, read_at, read_at from access_log""");
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
        if (recorder != null) {
            ((SingleConnectionDataSource) recorder.getTargetDataSource()).destroy();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void isAnsweredFromAnIndex(String name) throws SQLException {
        recorder.take();
        queries().get(name).accept(JdbcClient.create(recorder));
        List<StatementRecorder.Statement> sent = recorder.take();
        assertThat(sent).as(name + ": the repository sent a query").isNotEmpty();
        for (StatementRecorder.Statement statement : sent) {
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = db.prepareStatement("explain " + statement.sql())) {
                for (int i = 0; i < statement.parameters().size(); i++) {
                    explain.setObject(i + 1, statement.parameters().get(i));
                }
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            assertThat(plan.toString()).as(name + ": " + statement.sql() + "\n" + plan).doesNotContain("Seq Scan")
                    .containsPattern("Index (Only )?Scan");
        }
    }

    static java.util.stream.Stream<String> names() {
        return queries().keySet().stream().sorted();
    }
}
