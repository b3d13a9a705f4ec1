package io.callvault.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * What the core's exceptions mean on any surface, whoever caught them: Spring MVC's handler ({@link ApiErrors}) or
 * a filter that answers requests itself (the audio endpoints). A surface's own exceptions are its own to map first.
 */
public final class CoreFailures {

    private static final Logger log = LoggerFactory.getLogger(CoreFailures.class);
    /** A client that went away mid-request is a normal event: one DEBUG line, no stack trace. */
    private static final DisconnectedClientHelper DISCONNECTED = new DisconnectedClientHelper(CoreFailures.class.getName());

    private CoreFailures() {
    }

    /** @return the failure to answer, or empty when nobody is listening any more (the client went away) */
    public static Optional<Failure> of(Exception e, HttpServletRequest request) {
        if (e instanceof ApiException api) {
            if (api.status().is5xxServerError()) {
                log.error("{} {} failed: {} ({})", request.getMethod(), request.getRequestURI(), e.getMessage(),
                        e.getClass().getSimpleName());
            }
            return Optional.of(api.failure());
        }
        if (e instanceof InvalidParameterException) {
            return Optional.of(Failure.of(400, "the query string is not validly encoded UTF-8"));
        }
        Failure body = bodyFailure(e);
        if (body != null) {
            return Optional.of(body);
        }
        if (DISCONNECTED.checkAndLogClientDisconnectedException(e) || isClientAbort(e)) {
            return Optional.empty();
        }
        log.error("unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return Optional.of(Failure.of(500, "internal error"));
    }

    /** A body refused while it was read ({@link BodySizeLimit}): 413 or 408, wherever the read happened. */
    static Failure bodyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return Failure.of(413, t.getMessage());
            }
            if (t instanceof BodyTooSlowException) {
                return Failure.of(408, t.getMessage());
            }
        }
        return null;
    }

    static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")
                    || (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
