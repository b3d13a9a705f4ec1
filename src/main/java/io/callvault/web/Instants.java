package io.callvault.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;


/**
 * The one parser of the ISO-8601 instants clients send ({@code 2023-01-04T11:22:33.123Z} or with an offset), for
 * every surface. Only years 1900 to 9999 are taken: every database and every dialect's date format can hold them,
 * and no call happened outside them.
 */
public final class Instants {

    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private Instants() {
    }

    public static Instant parse(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " '" + shorten(value) + "' is not an ISO-8601 instant such as 2024-05-01T09:30:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badRequest(field + " '" + shorten(value) + "' is outside the years 1900 to 9999");
        }
        return instant;
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
