package io.callvault.tenancy;

import java.util.Locale;

/** What a client may do: {@code read} retrieves, {@code ingest} writes. */
public enum Scope {
    READ, INGEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + name + "': use read or ingest");
    }
}
