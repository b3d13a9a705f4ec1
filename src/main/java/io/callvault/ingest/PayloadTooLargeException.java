package io.callvault.ingest;

import org.springframework.http.HttpStatus;

import io.callvault.web.ApiException;

/** The upload is larger than {@code CALLVAULT_MAX_UPLOAD}. */
class PayloadTooLargeException extends ApiException {
    PayloadTooLargeException(long max) {
        super(HttpStatus.CONTENT_TOO_LARGE, "the upload is larger than the configured maximum of " + max + " bytes");
    }
}
