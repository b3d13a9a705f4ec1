package io.callvault.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server on a random port, on H2 or PostgreSQL (see {@link TestDatabase}). All HTTP tests share one
 * server; each makes its own tenants and clients, so they do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "callvault.admin-token=" + HttpTestBase.ADMIN_TOKEN,
        "callvault.max-upload=8MB",
        // the tests fail authentication on purpose, all from 127.0.0.1; AuthThrottleHttpTest sets a real limit
        "callvault.auth-throttle.failures=1000000",
        "callvault.metrics-token=" + HttpTestBase.METRICS_TOKEN,
        "callvault.cors.allowed-origins=" + HttpTestBase.CRM_ORIGIN,
        // several test servers live in one JVM at once: each keeps fewer connections than a production node
        "spring.datasource.hikari.maximum-pool-size=10",
        "logging.structured.format.console="
})
@Import(TestClockConfiguration.class)
public abstract class HttpTestBase {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String METRICS_TOKEN = "test-metrics-token";
    /** The one origin whose pages may call the API from a browser (CORS). */
    public static final String CRM_ORIGIN = "https://crm.example.test";

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected MutableClock clock;
    @Autowired
    private io.callvault.audit.AccessLog accessLog;

    protected Api api;
    protected StoredAudio stored;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeAll
    static void databaseAvailable() {
        TestDatabase.assumeAvailable();
    }

    @BeforeEach
    void client() {
        api = new Api(port, ADMIN_TOKEN);
        stored = new StoredAudio(jdbc);
    }

    /** The database, once every access-log row recorded so far is written (they are written in batches). */
    protected JdbcClient audited() {
        accessLog.flush();
        return jdbc;
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
