package io.callvault.catalog;

import java.time.Instant;

/** The fields a client may set on a call; null means "leave as it is". */
public record CallDetails(Direction direction, String ani, String dnis, String agentId, String agentName,
        String skillName, String groupId, String groupName, Instant connectTime, Instant disconnectTime) {

    public static CallDetails none() {
        return new CallDetails(null, null, null, null, null, null, null, null, null, null);
    }
}
