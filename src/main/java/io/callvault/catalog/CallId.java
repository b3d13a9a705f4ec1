package io.callvault.catalog;

import java.util.regex.Pattern;

import io.callvault.web.ApiException;

/** Contract 2: a call id is 1 to 128 of {@code [A-Za-z0-9._:@-]}, and never a path step such as "." or "..". */
public final class CallId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private CallId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    public static String require(String id) {
        if (!isValid(id)) {
            throw ApiException.badRequest("call id must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ - (and not . or ..)");
        }
        return id;
    }
}
