package io.callvault.audit;

import io.callvault.support.TestDatabase;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** {@link RunTimesMigrationTest} on PostgreSQL, where Flyway runs version 15 in one transaction. */
class RunTimesMigrationPostgresTest extends RunTimesMigrationTest {

    @Override
    @BeforeEach
    void database() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "PostgreSQL run only");
    }
}
