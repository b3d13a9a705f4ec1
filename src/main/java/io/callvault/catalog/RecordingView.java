package io.callvault.catalog;

import java.time.Instant;

/** A recording as the native API shows it ({@code vendorRecordId} only for a live platform's leg). */
public record RecordingView(String id, String callId, int recordId, RecordingState state, String deviceId,
        Instant startTime, Instant endTime, long fileSize, long durationMs, String sha256, String format,
        String encoding, Integer channels, Integer sampleRate, Integer bitsPerSample, Instant createdAt,
        String vendorRecordId) {

    public static RecordingView of(Recording r) {
        var a = r.audio();
        return new RecordingView(r.id(), r.callId(), r.recordId(), r.state(), r.deviceId(), r.startTime(), r.endTime(),
                r.fileSize(), r.durationMs(), r.sha256(), a == null ? null : a.container().extension(),
                a == null ? null : a.encoding().wireName(), a == null ? null : a.channels(),
                a == null ? null : a.sampleRate(), a == null || a.bitsPerSample() == 0 ? null : a.bitsPerSample(),
                r.createdAt(), r.vendorRecordId());
    }
}
