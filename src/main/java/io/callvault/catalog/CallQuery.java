package io.callvault.catalog;

import java.time.Instant;

/** A search of one tenant's calls; {@code after} is the decoded keyset cursor (null for the first page). */
public record CallQuery(String tenantId, Instant from, Instant to, String ani, String dnis, String agentId,
        Direction direction, int limit, CallCursor after) {
}
