package io.callvault.web;

import org.springframework.http.converter.HttpMessageNotReadableException;

/** A short, safe description of why a JSON body could not be read. */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String message = cause == null || cause == e ? e.getMessage() : cause.getMessage();
        if (message == null || message.isBlank()) {
            return "the request body is not valid JSON of the expected shape";
        }
        String first = message.lines().findFirst().orElse(message);
        if (first.startsWith("Required request body is missing")) {
            return "a JSON request body is required";
        }
        return "malformed request body: " + (first.length() > 300 ? first.substring(0, 300) + "…" : first);
    }
}
