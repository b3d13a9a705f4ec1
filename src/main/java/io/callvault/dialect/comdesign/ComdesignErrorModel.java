package io.callvault.dialect.comdesign;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callvault.web.ErrorModel;
import io.callvault.web.Failure;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Comdesign's error model, for every failure under {@code /general}: HTTP 200 with
 * {@code {"status":"error","errorCode","message"}} (the message in Japanese, then English); a missing or foreign key
 * HTTP 401 with a body that does not say which; the server's own failure HTTP 500 with INTERNAL_ERROR. Not the
 * live WebSocket endpoints under {@code /general/v1/audio_streaming}: a refused upgrade answers in HTTP statuses
 * (contract 6), with the native body.
 */
@Component
class ComdesignErrorModel implements ErrorModel {

    static final String BASE = "/general";
    private static final String LIVE = "/general/v1/audio_streaming";

    @Override
    public boolean covers(String path) {
        return ErrorModel.isUnder(BASE, path) && !ErrorModel.isUnder(LIVE, path);
    }

    @Override
    public ResponseEntity<Object> answer(Failure failure) {
        ComdesignError error = failure.code() != null ? ComdesignError.valueOf(failure.code()) : errorOf(failure.status());
        String message = failure.code() != null ? failure.message() : error.japanese() + " (" + failure.message() + ")";
        int status = error == ComdesignError.UNAUTHORIZED ? 401 : error == ComdesignError.INTERNAL_ERROR ? 500 : 200;
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorCode", error.name());
        body.put("message", message);
        return ErrorModel.answer(status, MediaType.APPLICATION_JSON, new Failure(status, error.name(), message,
                failure.retryAfter()), "comdesign").body(body);
    }

    /**
     * A failure that came with no Comdesign code (from the framework, a filter or the shared core), by its HTTP
     * meaning: a path or method that names no API is INVALID_PARAMETER, as is a body over the limit; a body that
     * cannot be read as JSON is MISSING_PARAMETER.
     */
    private static ComdesignError errorOf(int status) {
        return switch (status) {
            case 401 -> ComdesignError.UNAUTHORIZED;
            case 429 -> ComdesignError.TOO_MANY_REQUESTS;
            case 403 -> ComdesignError.TENANT_NOT_PERMITTED;
            case 404, 405, 409, 413, 422 -> ComdesignError.INVALID_PARAMETER;
            default -> status >= 500 ? ComdesignError.INTERNAL_ERROR : ComdesignError.MISSING_PARAMETER;
        };
    }
}
