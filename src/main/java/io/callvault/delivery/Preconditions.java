package io.callvault.delivery;

import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * RFC 9110 §13.2.2 for a read: If-Match / If-Unmodified-Since (412), then If-None-Match, or If-Modified-Since when
 * there is none (304). ETags compare weakly for If-None-Match and strongly for If-Match; "*" matches any current
 * representation.
 */
final class Preconditions {

    enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private Preconditions() {
    }

    static Outcome evaluate(HttpServletRequest request, String etag, long lastModifiedMillis) {
        long lastModifiedSeconds = lastModifiedMillis / 1000;
        String ifMatch = joined(request, HttpHeaders.IF_MATCH);
        if (ifMatch != null) {
            if (!matches(ifMatch, etag, false)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            long ifUnmodifiedSince = date(request, HttpHeaders.IF_UNMODIFIED_SINCE);
            if (ifUnmodifiedSince >= 0 && lastModifiedSeconds > ifUnmodifiedSince / 1000) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = joined(request, HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag, true) ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        long ifModifiedSince = date(request, HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince >= 0 && lastModifiedSeconds <= ifModifiedSince / 1000) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    private static boolean matches(String header, String etag, boolean weak) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (weak) {
                if (opaque(tag).equals(opaque(etag))) {
                    return true;
                }
            } else if (!tag.startsWith("W/") && tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String joined(HttpServletRequest request, String name) {
        var values = Collections.list(request.getHeaders(name));
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static long date(HttpServletRequest request, String name) {
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException unparseable) {
            return -1; // an invalid date is ignored (RFC 9110 §13.1.3)
        }
    }
}
