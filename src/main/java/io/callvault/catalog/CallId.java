package io.callvault.catalog;

import java.util.Objects;

import io.callvault.web.IdFormat;

/**
 * A call's id within its tenant, as it crosses packages: its own type, so that it cannot be passed where a tenant's
 * or a recording's id belongs. It holds what a client named; {@link #FORMAT} (contract 2: 1 to 128 of
 * {@code [A-Za-z0-9._:@-]}, never a path step such as "." or "..") decides whether it can name a call: a lookup of
 * an ill-formed id finds nothing, a write of one is refused.
 */
public record CallId(String value) {

    public static final IdFormat FORMAT = new IdFormat("call id", "A-Za-z0-9._:@-", 128, "A-Z a-z 0-9 . _ : @ -");

    public CallId {
        Objects.requireNonNull(value, "call id");
    }

    public static CallId of(String value) {
        return new CallId(value);
    }

    /** Whether a call can have this id (what a lookup checks before it asks the database). */
    public boolean isWellFormed() {
        return FORMAT.isValid(value);
    }

    /** This id, or a 400 that says what a call id is. */
    public CallId require() {
        FORMAT.require(value);
        return this;
    }

    @Override
    public String toString() {
        return value;
    }
}
