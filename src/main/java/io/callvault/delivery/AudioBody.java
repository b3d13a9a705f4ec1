package io.callvault.delivery;

import java.time.Instant;
import java.util.List;

/**
 * The bytes an audio response carries, described but not read: a sequence of parts (generated header bytes, or
 * regions of stored blobs) with the validators and names HTTP needs.
 */
public record AudioBody(List<Part> parts, String contentType, String etag, Instant lastModified, String filename) {

    public sealed interface Part permits Bytes, BlobRegion {
        long length();
    }

    public record Bytes(byte[] bytes) implements Part {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** {@code length} bytes of the blob at {@code key} in the named store, from {@code offset}. */
    public record BlobRegion(String store, String key, long offset, long length) implements Part {
    }

    public long length() {
        return parts.stream().mapToLong(Part::length).sum();
    }
}
