package io.callvault.tenancy;

import java.util.Locale;

/**
 * What a client may do, each on its own so that a client gets only what its job needs: {@code read} retrieves,
 * {@code ingest} writes calls, recordings and transcripts, {@code delete} deletes calls and recordings,
 * {@code hold} places and releases legal holds, {@code audit} reads the tenant's access log, {@code manage} sets the
 * tenant's retention and its people's roles (what a tenant admin does in the web player).
 */
public enum Scope {
    READ, INGEST, DELETE, HOLD, AUDIT, MANAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + name + "': use read, ingest, delete, hold, audit or manage");
    }
}
