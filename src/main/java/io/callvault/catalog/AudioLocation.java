package io.callvault.catalog;

/**
 * Where a recording's audio lies and what it must be: the store's name, the key in it, the size and SHA-256 the
 * catalog holds. What fsck, storage migration and deletion need of a recording.
 */
public record AudioLocation(String recordingId, String tenantId, String callId, String store, String key, long size,
        String sha256) {
}
