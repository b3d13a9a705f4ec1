package io.callvault.dialect.comdesign;

import java.time.Duration;
import java.util.Optional;

/**
 * How many requests a client may make for a tenant. One node keeps it in memory; several nodes need a shared
 * implementation of this interface (a Redis- or database-backed bucket).
 */
interface RequestAllowance {

    /** Takes one request from the allowance; when none is left, how long until one is. */
    Optional<Duration> tryTake(String clientId, String tenantId);
}
