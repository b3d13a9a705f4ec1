package io.callvault.tenancy;

import java.util.Objects;

import io.callvault.web.IdFormat;

/**
 * A tenant's id, as it crosses packages: its own type, so that it cannot be passed where a call's or a recording's
 * id belongs. It holds what a client or a row named; {@link #FORMAT} (contract 1: 1 to 64 of {@code [A-Za-z0-9._-]},
 * never a path step such as "." or "..") says whether such a tenant can exist, and is enforced where one is created.
 */
public record TenantId(String value) {

    public static final IdFormat FORMAT = new IdFormat("tenant id", "A-Za-z0-9._-", 64, "A-Z a-z 0-9 . _ -");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
