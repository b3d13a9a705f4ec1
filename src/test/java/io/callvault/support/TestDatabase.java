package io.callvault.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the HTTP tests run on: H2 (default) or the real PostgreSQL, chosen with
 * {@code -Dcallvault.test.database=postgres}. Each test JVM gets its own schema. Where PostgreSQL is absent the
 * tests skip with a message, except under {@code CI=true}, where they fail.
 */
public final class TestDatabase {

    public static final String KIND = System.getProperty("callvault.test.database", "h2");
    /** Which store new uploads go to: {@code filesystem} (default) or {@code s3} ({@code -Dcallvault.test.storage=s3}). */
    public static final String STORAGE = System.getProperty("callvault.test.storage", "filesystem");
    public static final String PG_URL = System.getProperty("callvault.test.pg-url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getProperty("callvault.test.pg-user", "postgres");

    private static final String SCHEMA = "cv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final Path DATA_DIR = createDataDir();

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equals(KIND);
    }

    public static Path dataDir() {
        return DATA_DIR;
    }

    public static String jdbcUrl() {
        if (postgres()) {
            return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        }
        return "jdbc:h2:file:" + DATA_DIR.resolve("db").resolve("callvault") + ";WRITE_DELAY=0";
    }

    public static boolean s3() {
        return "s3".equals(STORAGE);
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("callvault.data-dir", () -> DATA_DIR.toString());
        // the S3 store is always configured (a test may switch to it); it takes new uploads only in the S3 run
        registry.add("callvault.s3.endpoint", TestS3::endpoint);
        registry.add("callvault.s3.bucket", () -> TestS3.BUCKET);
        registry.add("callvault.s3.access-key", () -> TestS3.ACCESS_KEY);
        registry.add("callvault.s3.secret-key", () -> TestS3.SECRET_KEY);
        registry.add("callvault.s3.path-style", () -> "true");
        if (s3()) {
            registry.add("callvault.storage", () -> "s3");
        }
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        // each server (test context) is a node of its own, with its own live folder, as on separate machines
        Path live = createDataDir().resolve("live");
        registry.add("callvault.live.dir", live::toString);
        // a live recording the store refused at its end is tried again this often (30 s in production)
        registry.add("callvault.live.store-retry-interval", () -> "1s");
        if (postgres()) {
            registry.add("spring.datasource.username", () -> PG_USER);
            registry.add("spring.flyway.schemas", () -> SCHEMA);
        }
    }

    /** Skips (locally) or fails (CI=true) when PostgreSQL was asked for and cannot be reached. */
    public static void assumeAvailable() {
        if (!postgres()) {
            return;
        }
        DriverManager.setLoginTimeout(5);
        try (Connection ignored = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            dropSchemaAtExit();
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + ": " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: the PostgreSQL tests must run)", e);
            }
            Assumptions.abort(message + " — skipping the PostgreSQL run");
        }
    }

    private static boolean dropScheduled;

    /** This JVM's schema goes when the JVM does, so that CI's database does not fill with test schemas. */
    private static synchronized void dropSchemaAtExit() {
        if (dropScheduled) {
            return;
        }
        dropScheduled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
                c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
            } catch (SQLException e) {
                System.err.println("could not drop test schema " + SCHEMA + ": " + e.getMessage());
            }
        }));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("callvault-test-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
