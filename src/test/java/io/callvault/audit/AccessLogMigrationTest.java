package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.callvault.support.TestDatabase;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What the tests of an access-log migration share: databases of the test run (H2 in memory, or schemas of their own
 * on PostgreSQL) migrated to the version before it, each dropped after its case, and the check that a start killed
 * after any of the migration's steps (H2 commits each DDL statement as it goes) is finished by the next.
 */
abstract class AccessLogMigrationTest {

    private final List<DriverManagerDataSource> made = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

    @BeforeEach
    void database() {
        // each case makes its own databases; the PostgreSQL subclasses skip on H2 here
    }

    @AfterEach
    void drop() {
        for (int i = 0; i < schemas.size(); i++) {
            new JdbcTemplate(made.get(i)).execute("drop schema " + schemas.get(i) + " cascade");
        }
    }

    /**
     * Each prefix of the migration's script run on a new database from {@code logged}, then the migrations as a start
     * runs them, ends in the same state as the migrations run whole.
     */
    void assertAStartKilledAfterAnyStepIsFinishedByTheNext(String script, Supplier<DriverManagerDataSource> logged,
            Function<DriverManagerDataSource, String> state) {
        DriverManagerDataSource reference = logged.get();
        migrate(reference);
        String finished = state.apply(reference);
        List<String> steps = steps(script);
        assertThat(steps).hasSizeGreaterThan(5);
        for (int done = 1; done <= steps.size(); done++) {
            DriverManagerDataSource db = logged.get();
            JdbcTemplate jdbc = new JdbcTemplate(db);
            steps.subList(0, done).forEach(jdbc::execute);
            migrate(db);
            assertThat(state.apply(db)).as("killed after step " + done).isEqualTo(finished);
        }
    }

    /** The tenant of the i-th read the cases log: one in four is tenant u's. */
    static String tenant(int i) {
        return i % 4 == 0 ? "u" : "t";
    }

    /** The table holds one entry per row of the access log, over the row's own id and time, equal in these columns. */
    static void assertOneEntryPerRow(DriverManagerDataSource db, String table, int rows, String... columns) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        StringBuilder same = new StringBuilder();
        for (String column : columns) {
            same.append(" and a.").append(column).append(" = e.").append(column);
        }
        assertThat(jdbc.queryForObject("select count(*) from " + table + " e join access_log a on a.id = e.first_id"
                + " and a.id = e.last_id and a.read_at = e.first_at and a.read_at = e.last_at" + same, Long.class))
                .isEqualTo(rows);
        assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).isEqualTo(rows);
    }

    /** A new database migrated to this version. */
    DriverManagerDataSource at(String version) {
        DriverManagerDataSource db;
        Flyway flyway;
        if (TestDatabase.postgres()) {
            TestDatabase.assumeAvailable();
            String schema = "mg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String url = TestDatabase.PG_URL;
            db = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    TestDatabase.PG_USER, "");
            made.add(db);
            schemas.add(schema);
            flyway = Flyway.configure().dataSource(db).schemas(schema).target(version).load();
        } else {
            db = new DriverManagerDataSource("jdbc:h2:mem:migrated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            flyway = Flyway.configure().dataSource(db).target(version).load();
        }
        flyway.migrate();
        return db;
    }

    /** The rest of the migrations, as a start does. */
    void migrate(DriverManagerDataSource db) {
        int made = this.made.indexOf(db);
        (made < 0 ? Flyway.configure().dataSource(db) : Flyway.configure().dataSource(db).schemas(schemas.get(made)))
                .load().migrate();
    }

    /** The statements of a migration script, in order. */
    static List<String> steps(String script) {
        try (InputStream in = AccessLogMigrationTest.class.getResourceAsStream("/db/migration/" + script)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(sql.split(";")).filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the query finds, the access log's indexes and its tables: equal after a whole start and a killed one. */
    static String state(DriverManagerDataSource db, String query) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        String rows = jdbc.queryForList(query).toString();
        String indexes = TestDatabase.postgres()
                ? jdbc.queryForList("select indexname from pg_indexes where schemaname = current_schema()"
                        + " and tablename like 'access_log%' order by 1", String.class).toString()
                : jdbc.queryForList("select index_name from information_schema.indexes where table_schema = 'PUBLIC'"
                        + " and table_name like 'ACCESS_LOG%' order by 1", String.class).toString();
        String tables = jdbc.queryForList("select lower(table_name) from information_schema.tables"
                + " where lower(table_name) like 'access_log%' and table_schema = "
                + (TestDatabase.postgres() ? "current_schema()" : "'PUBLIC'") + " order by 1", String.class).toString();
        return rows + "\n" + indexes + "\n" + tables;
    }
}
