package io.callvault.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Every failure that reaches Spring MVC, on any path: the core's {@link ApiException}s and Spring's own (unknown
 * path, wrong method, unreadable body, 415…), answered in the model of the surface the path belongs to. A dialect
 * that knows more about its own controllers' exceptions registers an advice of higher precedence for them.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** A client that went away mid-request is a normal event: one DEBUG line, no stack trace. */
    private static final DisconnectedClientHelper DISCONNECTED = new DisconnectedClientHelper(ApiErrors.class.getName());

    private final ErrorModels models;

    ApiErrors(ErrorModels models) {
        this.models = models;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        if (e.status().is5xxServerError()) {
            log.error("{} {} failed: {} ({})", request.getMethod(), request.getRequestURI(), e.getMessage(),
                    e.getClass().getSimpleName());
        }
        return models.answer(request, e.failure());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> badQuery(InvalidParameterException e, HttpServletRequest request) {
        return models.answer(request, Failure.of(400, "the query string is not validly encoded UTF-8"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        Failure body = bodyFailure(e);
        if (body != null) {
            return models.answer(request, body);
        }
        if (DISCONNECTED.checkAndLogClientDisconnectedException(e) || isClientAbort(e)) {
            return null; // nobody is listening for an answer
        }
        log.error("unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return models.answer(request, Failure.of(500, "internal error"));
    }

    /** Says what was wrong with the JSON in the client's terms, never the server's class names. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Failure body = bodyFailure(e);
        if (body != null) {
            return models.answer(servlet(request), body);
        }
        if (isClientAbort(e)) {
            return null;
        }
        return models.answer(servlet(request), Failure.of(400, JsonErrors.describe(e)));
    }

    /** Spring's own exceptions (404 of unknown paths, 405, 415, type mismatches…): their status, our words. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : HttpStatus.valueOf(status.value()).getReasonPhrase();
        ResponseEntity<Object> answer = models.answer(servlet(request), Failure.of(status.value(), detail));
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(headers); // Allow on 405, Accept on 415
        merged.addAll(answer.getHeaders());
        return ResponseEntity.status(answer.getStatusCode()).headers(merged).body(answer.getBody());
    }

    /** A body refused while it was read ({@link BodySizeLimit}): 413 or 408, wherever the read happened. */
    private static Failure bodyFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return Failure.of(413, t.getMessage());
            }
            if (t instanceof BodyTooSlowException) {
                return Failure.of(408, t.getMessage());
            }
        }
        return null;
    }

    private static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")
                    || (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
