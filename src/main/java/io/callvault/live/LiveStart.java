package io.callvault.live;

import io.callvault.catalog.CallDetails;

/**
 * What a protocol adapter knows when a live session starts.
 *
 * @param vendorRecordId the platform's own id of this leg (CT-e1's recordId), or null
 * @param protocol       the adapter's name, for logs and metrics
 */
public record LiveStart(String tenantId, String callId, String vendorRecordId, CallDetails details, LiveFormat format,
        String deviceId, String protocol) {
}
