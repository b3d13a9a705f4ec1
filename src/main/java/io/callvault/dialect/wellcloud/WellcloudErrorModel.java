package io.callvault.dialect.wellcloud;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callvault.web.ErrorModel;
import io.callvault.web.Failure;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Wellcloud's error model, for every failure under {@code /api/operation}: the HTTP status is the error code, the body
 * {@code {"code":"<status>","message":"…"}}.
 */
@Component
class WellcloudErrorModel implements ErrorModel {

    static final String BASE = "/api/operation";

    @Override
    public boolean covers(String path) {
        return ErrorModel.isUnder(BASE, path);
    }

    @Override
    public ResponseEntity<Object> answer(Failure failure) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", String.valueOf(failure.status()));
        body.put("message", failure.message());
        return ErrorModel.answer(failure.status(), MediaType.APPLICATION_JSON, failure, "wellcloud").body(body);
    }
}
