package io.callvault.catalog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.callvault.web.ApiException;

/** Parses the ISO-8601 instants clients send ({@code 2023-01-04T11:22:33.123Z} or with an offset). */
public final class Instants {

    private Instants() {
    }

    public static Instant parse(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " '" + value + "' is not an ISO-8601 instant such as 2024-05-01T09:30:00Z");
        }
    }
}
