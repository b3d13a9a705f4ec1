package io.callvault.dialect.wellcloud;

import java.util.Map;

import io.callvault.delivery.MissingAudioException;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.web.ApiException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Wellcloud's error model: the HTTP status is the error code, the body {@code {"code":"<status>","message":"…"}}.
 * No Authorization header → 403; an unknown, revoked or expired one → 401.
 */
@RestControllerAdvice(assignableTypes = WellcloudController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WellcloudErrors {

    private static final Logger log = LoggerFactory.getLogger(WellcloudErrors.class);

    @ExceptionHandler(WellcloudException.class)
    ResponseEntity<Map<String, String>> wellcloud(WellcloudException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Map<String, String>> authentication(AuthenticationException e) {
        return error(e.reason() == AuthenticationException.Reason.MISSING ? 403 : 401, e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, String>> api(ApiException e) {
        return error(e.status().value(), e.getMessage());
    }

    /** The catalog lists audio the store no longer holds: to the client, the recording file does not exist. */
    @ExceptionHandler(MissingAudioException.class)
    ResponseEntity<Map<String, String>> missingAudio(MissingAudioException e) {
        log.error("audio read failed: {}", e.getMessage());
        return error(WellcloudException.NO_RECORDING_FILE, "录音文件不存在");
    }

    @ExceptionHandler({ServletRequestBindingException.class, MethodArgumentTypeMismatchException.class,
            HttpMessageNotReadableException.class, InvalidParameterException.class})
    ResponseEntity<Map<String, String>> badRequest(Exception e) {
        return error(400, "bad request: " + e.getMessage());
    }

    /** Spring's own failures (a wrong method, an unreadable Content-Type…) keep their status, in this model. */
    @ExceptionHandler({jakarta.servlet.ServletException.class, org.springframework.web.ErrorResponseException.class})
    ResponseEntity<Map<String, String>> framework(Exception e) {
        if (!(e instanceof ErrorResponse error) || error.getStatusCode().is5xxServerError()) {
            return unexpected(e);
        }
        return error(error.getStatusCode().value(), String.valueOf(error.getBody().getDetail()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return error(500, "internal error");
    }

    private static ResponseEntity<Map<String, String>> error(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("code", String.valueOf(status), "message", message));
    }
}
