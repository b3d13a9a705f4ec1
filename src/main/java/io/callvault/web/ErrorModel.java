package io.callvault.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * One API surface's way of saying that something failed: its status codes, headers and body. Each surface (the
 * native API, each vendor dialect, each live protocol) has exactly one, and every failure on its paths, from a
 * controller, a filter or the framework, is answered through it.
 */
public interface ErrorModel {

    /** Whether requests to this path belong to the surface. */
    boolean covers(String path);

    ResponseEntity<Object> answer(Failure failure);

    /** Whether the path is the base or below it. */
    static boolean isUnder(String base, String path) {
        return path.equals(base) || path.startsWith(base + "/");
    }

    /**
     * The start of every surface's answer: its status and content type, {@code WWW-Authenticate} when the failure is
     * a 401 (with the surface as realm), and {@code Retry-After} when the failure says when to try again.
     */
    static ResponseEntity.BodyBuilder answer(int status, MediaType type, Failure failure, String realm) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(type);
        if (failure.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"");
        }
        if (failure.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(failure.retryAfterSeconds()));
        }
        return answer;
    }
}
