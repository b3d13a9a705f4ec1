package io.callvault.web;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A feature's own limit on the requests it takes, where the default of {@link BodySizeLimit#DEFAULT_LIMIT} does not
 * fit: a transcript of a long call is larger, an audio upload is limited by ingest itself ({@code maxBytes} < 0).
 */
public record RequestBodyLimit(Predicate<HttpServletRequest> applies, long maxBytes) {

    public static RequestBodyLimit unlimited(Predicate<HttpServletRequest> applies) {
        return new RequestBodyLimit(applies, -1);
    }
}
