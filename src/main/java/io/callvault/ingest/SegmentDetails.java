package io.callvault.ingest;

import java.time.Instant;

/** What the uploader tells about a segment besides its bytes. */
public record SegmentDetails(String deviceId, Instant startTime, Instant endTime) {
}
