package io.callvault.dialect.wellcloud;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.callvault.catalog.Call;
import io.callvault.catalog.Direction;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingState;

/** One element of the recordings2 answer, field for field as Wellcloud sends it. */
record WellcloudRecording(String id, String ani, String dnis, Direction callDirection, String startTime,
        String endTime, long callLength, long fileSize, String deviceId, String callId, RecordingState state,
        String tenantId) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss");

    /**
     * Times in the tenant's zone. A segment without its own start or end takes the call's connect and disconnect
     * time, or start plus the audio's duration.
     */
    static WellcloudRecording of(Recording r, Call call, ZoneId zone) {
        Instant start = r.startTime() != null ? r.startTime() : call.connectTime();
        Instant end = r.endTime();
        if (end == null && start != null && r.hasAudio()) {
            end = start.plusMillis(r.durationMs());
        }
        if (end == null) {
            end = call.disconnectTime();
        }
        return new WellcloudRecording(r.id(), call.ani(), call.dnis(), call.direction(), format(start, zone),
                format(end, zone), r.durationMs() / 1000, r.fileSize(), r.deviceId(), r.callId(), r.state(),
                r.tenantId());
    }

    private static String format(Instant instant, ZoneId zone) {
        return instant == null ? null : LOCAL.format(instant.atZone(zone));
    }
}
