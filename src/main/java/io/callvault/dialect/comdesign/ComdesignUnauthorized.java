package io.callvault.dialect.comdesign;

/** The key is missing, unknown, or not the one of the client whose sourceUuid is in the path: HTTP 401, no body. */
class ComdesignUnauthorized extends RuntimeException {
    ComdesignUnauthorized() {
        super("unauthorized", null, false, false);
    }
}
