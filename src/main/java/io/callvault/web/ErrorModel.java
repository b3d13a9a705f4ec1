package io.callvault.web;

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
}
