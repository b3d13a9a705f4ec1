package io.callvault.web;

import java.time.Duration;

/**
 * A failure to answer, before any surface has put it in its own words.
 *
 * @param status     the HTTP meaning of the failure (a surface may answer it with another status, as Comdesign does)
 * @param code       the surface's own error code when the thrower knew it (Comdesign's errorCode), else null
 * @param message    what is wrong, in the client's terms
 * @param retryAfter when to try again (429), else null
 */
public record Failure(int status, String code, String message, Duration retryAfter) {

    public static Failure of(int status, String message) {
        return new Failure(status, null, message, null);
    }

    /** Retry-After in whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    /** A wait as every surface says it (Retry-After, messages): whole seconds, rounded up, at least 1. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
