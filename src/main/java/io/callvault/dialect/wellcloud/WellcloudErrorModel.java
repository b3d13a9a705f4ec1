package io.callvault.dialect.wellcloud;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callvault.web.ErrorModel;
import io.callvault.web.Failure;

import org.springframework.http.HttpHeaders;
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
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    @Override
    public ResponseEntity<Object> answer(Failure failure) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(failure.status()).contentType(MediaType.APPLICATION_JSON);
        if (failure.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wellcloud\"");
        }
        if (failure.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(failure.retryAfterSeconds()));
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", String.valueOf(failure.status()));
        body.put("message", failure.message());
        return answer.body(body);
    }
}
