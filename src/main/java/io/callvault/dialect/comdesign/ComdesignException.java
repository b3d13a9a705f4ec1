package io.callvault.dialect.comdesign;

import java.time.Duration;

/** A Comdesign failure: answered HTTP 200 with the error code and a message in Japanese and English. */
class ComdesignException extends RuntimeException {

    private final ComdesignError error;
    private final Duration retryAfter;

    ComdesignException(ComdesignError error, String english) {
        this(error, english, null);
    }

    ComdesignException(ComdesignError error, String english, Duration retryAfter) {
        super(error.japanese() + " (" + english + ")");
        this.error = error;
        this.retryAfter = retryAfter;
    }

    ComdesignError error() {
        return error;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
