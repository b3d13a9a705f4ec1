package io.callvault.web;

import java.util.regex.Pattern;

/**
 * The form of an id that names a resource in a path (a tenant, a call): 1 to {@code maxLength} characters of one
 * class, and never a path step such as "." or "..". Refused ids are a 400 that says what the form is.
 */
public final class IdFormat {

    private final String what;
    private final Pattern valid;
    private final String message;

    /**
     * @param what       what the id names, as the message says it ("call id")
     * @param characters the characters allowed, as a regular-expression class body ({@code A-Za-z0-9._-})
     * @param readable   the same characters as a person reads them ("A-Z a-z 0-9 . _ -")
     */
    public IdFormat(String what, String characters, int maxLength, String readable) {
        this.what = what;
        this.valid = Pattern.compile("[" + characters + "]{1," + maxLength + "}");
        this.message = what + " must be 1 to " + maxLength + " characters of " + readable + " (and not . or ..)";
    }

    public boolean isValid(String id) {
        return id != null && valid.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    /** What the form is, as a refusal says it. */
    public String describe() {
        return message;
    }

    public String require(String id) {
        if (!isValid(id)) {
            throw ApiException.badRequest(message);
        }
        return id;
    }

    @Override
    public String toString() {
        return what + " " + valid.pattern();
    }
}
