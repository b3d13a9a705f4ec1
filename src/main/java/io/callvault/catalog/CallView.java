package io.callvault.catalog;

import java.time.Instant;
import java.util.List;

/** A call with its recordings, as the native API shows it. */
public record CallView(String tenantId, String callId, Direction direction, String ani, String dnis, String agentId,
        String agentName, String skillName, String groupId, String groupName, Instant connectTime,
        Instant disconnectTime, boolean complete, Instant createdAt, Instant updatedAt, List<RecordingView> recordings) {

    public static CallView of(Catalog.CallWithRecordings c) {
        Call call = c.call();
        return new CallView(call.tenantId(), call.callId(), call.direction(), call.ani(), call.dnis(), call.agentId(),
                call.agentName(), call.skillName(), call.groupId(), call.groupName(), call.connectTime(),
                call.disconnectTime(), call.complete(), call.createdAt(), call.updatedAt(),
                c.recordings().stream().map(RecordingView::of).toList());
    }
}
