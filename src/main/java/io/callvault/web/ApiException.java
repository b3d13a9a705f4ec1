package io.callvault.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure the client caused (or, with a 5xx status, one it could not), with the status it deserves and a message
 * that says what is wrong. Thrown by core services; each API surface renders it in its own error model.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public ApiException(HttpStatus status, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    /** How long the client should wait before trying again (429, 503), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Failure failure() {
        return new Failure(status.value(), null, getMessage(), retryAfter);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message);
    }
}
