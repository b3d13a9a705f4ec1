package io.callvault.web;

import java.net.URI;

import io.callvault.delivery.MissingAudioException;
import io.callvault.tenancy.AuthenticationException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The native and admin APIs' error model: {@code application/problem+json} (RFC 9457) with type, title, status and
 * detail. Dialects with their own model register an advice of higher precedence for their controllers.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class NativeErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(NativeErrors.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return problem(e.status(), e.getMessage());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> authentication(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(typed(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage())));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> badQuery(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "the query string is not validly encoded UTF-8");
    }

    @ExceptionHandler(MissingAudioException.class)
    ResponseEntity<ProblemDetail> missingAudio(MissingAudioException e) {
        log.error("audio read failed: {}", e.getMessage());
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the stored audio of this recording is damaged or missing");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    /** Says what was wrong with the JSON (Jackson's first line), not just that it was unreadable. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(typed(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                JsonErrors.describe(e))));
    }

    /** Spring's own exceptions (405, 404 of unknown paths, type mismatches…) get the same shape as ours. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            typed(problem);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(typed(ProblemDetail.forStatusAndDetail(status, detail)));
    }

    /** Contract 2 names {@code type} among the fields: "about:blank" (RFC 9457 §4.2.1) says the status is the type. */
    private static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null) {
            problem.setType(ABOUT_BLANK);
        }
        return problem;
    }
}
