package io.callvault.catalog;

import java.time.Instant;

public record Call(String tenantId, String callId, Direction direction, String ani, String dnis, String agentId,
        String agentName, String skillName, String groupId, String groupName, Instant connectTime,
        Instant disconnectTime, Instant sortTime, Instant createdAt, Instant updatedAt) {

    /** A call is complete once it has a disconnect time. */
    public boolean complete() {
        return disconnectTime != null;
    }
}
