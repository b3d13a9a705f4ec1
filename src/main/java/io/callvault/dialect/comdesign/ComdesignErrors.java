package io.callvault.dialect.comdesign;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callvault.delivery.MissingAudioException;
import io.callvault.web.ApiException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Comdesign's error model: HTTP 200 with {@code {"status":"error","errorCode","message"}} for every failure a
 * client caused, HTTP 401 with no body for a missing or foreign key.
 */
@RestControllerAdvice(assignableTypes = ComdesignController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComdesignErrors {

    private static final Logger log = LoggerFactory.getLogger(ComdesignErrors.class);

    @ExceptionHandler(ComdesignUnauthorized.class)
    ResponseEntity<Void> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
    }

    @ExceptionHandler(ComdesignException.class)
    ResponseEntity<Map<String, String>> comdesign(ComdesignException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        return answer.body(body(e.error(), e.getMessage()));
    }

    /** Failures of the shared core (a bad cursor, times out of order): the request names nothing valid. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, String>> core(ApiException e) {
        return comdesign(new ComdesignException(ComdesignError.INVALID_PARAMETER, e.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, InvalidParameterException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return comdesign(new ComdesignException(ComdesignError.MISSING_PARAMETER, "the request could not be read"));
    }

    /** Spring's own 4xx (an unreadable Content-Type, a wrong method…): the request could not be read as asked. */
    @ExceptionHandler({jakarta.servlet.ServletException.class, org.springframework.web.ErrorResponseException.class})
    ResponseEntity<Map<String, String>> framework(Exception e) {
        if (!(e instanceof ErrorResponse error) || error.getStatusCode().is5xxServerError()) {
            return unexpected(e);
        }
        return comdesign(new ComdesignException(ComdesignError.MISSING_PARAMETER,
                "the request could not be read: " + error.getBody().getDetail()));
    }

    @ExceptionHandler(MissingAudioException.class)
    ResponseEntity<Map<String, String>> missingAudio(MissingAudioException e) {
        log.error("audio read failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(body(ComdesignError.INTERNAL_ERROR, "内部エラー (the stored audio is damaged or missing)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(body(ComdesignError.INTERNAL_ERROR, "内部エラー (internal error)"));
    }

    private static Map<String, String> body(ComdesignError error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorCode", error.name());
        body.put("message", message);
        return body;
    }
}
