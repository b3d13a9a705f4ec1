package io.callvault.dialect.comdesign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body read strictly: a required field that is missing, null or of the wrong JSON type is
 * MISSING_PARAMETER; a well-typed value that names nothing (a negative sessionId, an unknown status) is
 * INVALID_PARAMETER. Unknown fields are ignored.
 */
final class ComdesignRequest {

    private final JsonNode body;

    private ComdesignRequest(JsonNode body) {
        this.body = body;
    }

    static ComdesignRequest parse(JsonMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw missing("the request body is empty: a JSON object is required");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw missing("the request body must be a JSON object");
            }
            return new ComdesignRequest(node);
        } catch (JacksonException e) {
            throw missing("the request body is not valid JSON");
        }
    }

    static ComdesignRequest of(JsonNode node) {
        return new ComdesignRequest(node);
    }

    String text(String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isString()) {
            throw missing(name + " is missing or not a string");
        }
        return value.asString();
    }

    String optionalText(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw missing(name + " must be a string");
        }
        return value.asString();
    }

    /** A sessionId: a JSON integer; its decimal string is the native callId. */
    String sessionId() {
        JsonNode value = body.get("sessionId");
        if (value == null || !value.isIntegralNumber()) {
            throw missing("sessionId is missing or not an integer");
        }
        if (!value.canConvertToLong() || value.longValue() < 0) {
            throw invalid("sessionId " + value + " names no session");
        }
        return Long.toString(value.longValue());
    }

    int recordId() {
        JsonNode value = body.get("recordId");
        if (value == null || !value.isIntegralNumber()) {
            throw missing("recordId is missing or not an integer");
        }
        if (!value.canConvertToInt() || value.intValue() < 1) {
            throw invalid("recordId " + value + " names no record");
        }
        return value.intValue();
    }

    Integer optionalInt(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw missing(name + " must be an integer");
        }
        return value.intValue();
    }

    int requiredInt(String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw missing(name + " is missing or not an integer");
        }
        return value.intValue();
    }

    BigDecimal optionalNumber(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw missing(name + " must be a number");
        }
        return value.decimalValue();
    }

    Boolean optionalBoolean(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw missing(name + " must be true or false");
        }
        return value.booleanValue();
    }

    Instant optionalInstant(String name) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " '" + value + "' is not an ISO-8601 instant such as 2023-01-04T11:22:33.123Z");
        }
    }

    Instant instant(String name) {
        text(name);
        return optionalInstant(name);
    }

    ComdesignRequest object(String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isObject()) {
            throw missing(name + " is missing or not an object");
        }
        return new ComdesignRequest(value);
    }

    java.util.List<ComdesignRequest> array(String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isArray()) {
            throw missing(name + " is missing or not an array");
        }
        java.util.List<ComdesignRequest> items = new java.util.ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) {
                throw missing("every element of " + name + " must be an object");
            }
            items.add(new ComdesignRequest(item));
        }
        return items;
    }

    static ComdesignException missing(String english) {
        return new ComdesignException(ComdesignError.MISSING_PARAMETER, english);
    }

    static ComdesignException invalid(String english) {
        return new ComdesignException(ComdesignError.INVALID_PARAMETER, english);
    }
}
