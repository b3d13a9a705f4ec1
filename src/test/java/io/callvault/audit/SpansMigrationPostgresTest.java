package io.callvault.audit;

import io.callvault.support.TestDatabase;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** {@link SpansMigrationTest} on PostgreSQL, where Flyway runs version 16 in one transaction. */
class SpansMigrationPostgresTest extends SpansMigrationTest {

    @Override
    @BeforeEach
    void database() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "PostgreSQL run only");
    }
}
