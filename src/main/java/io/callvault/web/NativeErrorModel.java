package io.callvault.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The native and admin APIs' error model, and the one for any path no other surface claims:
 * {@code application/problem+json} (RFC 9457) with type, title, status and detail.
 */
final class NativeErrorModel implements ErrorModel {

    /** Contract 2 names {@code type} among the fields: "about:blank" (RFC 9457 §4.2.1) says the status is the type. */
    record Problem(String type, String title, int status, String detail) {
    }

    @Override
    public boolean covers(String path) {
        return true;
    }

    @Override
    public ResponseEntity<Object> answer(Failure failure) {
        HttpStatus known = HttpStatus.resolve(failure.status());
        return ErrorModel.answer(failure.status(), MediaType.APPLICATION_PROBLEM_JSON, failure, "callvault").body(new Problem("about:blank", known == null ? "Error" : known.getReasonPhrase(), failure.status(),
                failure.message()));
    }
}
