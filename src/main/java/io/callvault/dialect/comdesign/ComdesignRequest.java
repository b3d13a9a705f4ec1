package io.callvault.dialect.comdesign;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

import io.callvault.web.ApiException;
import io.callvault.web.BodyTooLargeException;
import io.callvault.web.Instants;

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

    /** Reads the body as it streams in: a long call's transcript is never held twice. */
    static ComdesignRequest parse(JsonMapper json, InputStream body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw missing("the request body is empty: a JSON object is required");
            }
            if (!node.isObject()) {
                throw missing("the request body must be a JSON object");
            }
            return new ComdesignRequest(node);
        } catch (JacksonException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BodyTooLargeException tooLarge) {
                    throw invalid(tooLarge.getMessage());
                }
            }
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
        return checked(name, value.asString());
    }

    String optionalText(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw missing(name + " must be a string");
        }
        return checked(name, value.asString());
    }

    /** PostgreSQL cannot store a NUL character, and no client means one. */
    private static String checked(String name, String text) {
        if (text.indexOf('\0') >= 0) {
            throw invalid(name + " contains a NUL character");
        }
        return text;
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

    /** A flag as the vendor sends it: {@code true}/{@code false}, or {@code 1}/{@code 0} (its own push format). */
    Boolean optionalFlag(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue() == 1;
        }
        throw missing(name + " must be true, false, 1 or 0");
    }

    Instant optionalInstant(String name) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return Instants.parse(name, value);
        } catch (ApiException e) {
            throw invalid(e.getMessage());
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
