package io.callvault.catalog;

import io.callvault.web.IdFormat;

/** Contract 2: a call id is 1 to 128 of {@code [A-Za-z0-9._:@-]}, and never a path step such as "." or "..". */
public final class CallId {

    public static final IdFormat FORMAT = new IdFormat("call id", "A-Za-z0-9._:@-", 128, "A-Z a-z 0-9 . _ : @ -");

    private CallId() {
    }
}
