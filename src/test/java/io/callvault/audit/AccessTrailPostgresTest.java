package io.callvault.audit;

import io.callvault.support.TestDatabase;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** {@link AccessTrailTest} on PostgreSQL, where the writer takes its ids from the sequence and copies rows and runs in. */
class AccessTrailPostgresTest extends AccessTrailTest {

    @Override
    @BeforeEach
    void database() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "PostgreSQL run only");
        super.database();
    }
}
