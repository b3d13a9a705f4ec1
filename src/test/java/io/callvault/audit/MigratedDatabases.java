package io.callvault.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.callvault.support.TestDatabase;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Databases of the test run (H2 in memory, or schemas of their own on PostgreSQL) migrated to a version before the
 * latest, for the tests of a migration that must survive being killed after any of its steps; dropped by {@link #drop}.
 */
final class MigratedDatabases {

    private final List<DriverManagerDataSource> made = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();

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

    void drop() {
        for (int i = 0; i < schemas.size(); i++) {
            new JdbcTemplate(made.get(i)).execute("drop schema " + schemas.get(i) + " cascade");
        }
    }

    /** The statements of a migration script, in order. */
    static List<String> steps(String script) {
        try (InputStream in = MigratedDatabases.class.getResourceAsStream("/db/migration/" + script)) {
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
