package io.callvault.catalog;

import java.util.Objects;

/**
 * A recording's id (a UUID CallVault gave it, unique across tenants), as it crosses packages: its own type, so that
 * it cannot be passed where a tenant's or a call's id belongs. It holds what a client named; a lookup of one that
 * cannot be an id finds nothing.
 */
public record RecordingId(String value) {

    /** Longer than any id CallVault gives (a UUID is 36), short enough to refuse a path stuffed with one. */
    private static final int MAX_LENGTH = 64;

    public RecordingId {
        Objects.requireNonNull(value, "recording id");
    }

    public static RecordingId of(String value) {
        return new RecordingId(value);
    }

    public boolean isWellFormed() {
        return value.length() <= MAX_LENGTH;
    }

    @Override
    public String toString() {
        return value;
    }
}
