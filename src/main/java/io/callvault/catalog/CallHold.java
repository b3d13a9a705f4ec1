package io.callvault.catalog;

import java.time.Instant;

/** A legal hold on a call: why, since when, and who placed it. While it stands, nothing of the call is deleted. */
public record CallHold(String callId, String reason, Instant heldAt, String heldBy) {
}
