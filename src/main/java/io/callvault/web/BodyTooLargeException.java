package io.callvault.web;

import java.io.IOException;

/** A request body (with no Content-Length, so found while reading) passed its endpoint's limit: 413. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("the request body is larger than this endpoint's limit of " + limit + " bytes");
    }
}
