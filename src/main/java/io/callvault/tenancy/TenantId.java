package io.callvault.tenancy;

import java.util.regex.Pattern;

import io.callvault.web.ApiException;

/** Contract 1: a tenant id is 1 to 64 of {@code [A-Za-z0-9._-]}, and never a path step such as "." or "..". */
public final class TenantId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private TenantId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    public static String require(String id) {
        if (!isValid(id)) {
            throw ApiException.badRequest("tenant id must be 1 to 64 characters of A-Z a-z 0-9 . _ - (and not . or ..)");
        }
        return id;
    }
}
