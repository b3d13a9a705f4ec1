package io.callvault.storage;

import java.time.Instant;

/** A blob as a store lists it. */
public record StoredBlob(String key, long size, Instant lastModified) {
}
