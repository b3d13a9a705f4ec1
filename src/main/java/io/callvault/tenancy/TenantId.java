package io.callvault.tenancy;

import io.callvault.web.IdFormat;

/** Contract 1: a tenant id is 1 to 64 of {@code [A-Za-z0-9._-]}, and never a path step such as "." or "..". */
public final class TenantId {

    public static final IdFormat FORMAT = new IdFormat("tenant id", "A-Za-z0-9._-", 64, "A-Z a-z 0-9 . _ -");

    private TenantId() {
    }
}
