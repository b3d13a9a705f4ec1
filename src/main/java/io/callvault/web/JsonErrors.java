package io.callvault.web;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Why a JSON body could not be read, in the client's terms: which field, what it should have been. Never the
 * server's class names or Jackson's internal wording.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(HttpMessageNotReadableException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            return "a JSON request body is required";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return describe(jackson);
            }
        }
        return "the request body is not valid JSON of the expected shape";
    }

    static String describe(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "the JSON document is too large or too deeply nested";
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field '" + field + "'";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text && text.indexOf('\0') >= 0) {
            return "field '" + field + "' contains a NUL character";
        }
        if (e instanceof MismatchedInputException mismatched) {
            if (field.isEmpty()) {
                return "the request body must be " + expected(mismatched.getTargetType());
            }
            return "field '" + field + "' must be " + expected(mismatched.getTargetType());
        }
        if (e instanceof StreamReadException) {
            TokenStreamLocation at = e.getLocation();
            return "the request body is not valid JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return field.isEmpty() ? "the request body is not valid JSON of the expected shape"
                : "field '" + field + "' has a value that cannot be used";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a JSON object" : "of another type";
    }
}
