package io.callvault.web;


import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure that reaches Spring MVC, on any path: the core's {@link ApiException}s and Spring's own (unknown
 * path, wrong method, unreadable body, 415…), answered in the model of the surface the path belongs to. A dialect
 * that knows more about its own controllers' exceptions registers an advice of higher precedence for them.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

    private final ErrorModels models;

    ApiErrors(ErrorModels models) {
        this.models = models;
    }

    /** The core's exceptions and anything unexpected ({@link CoreFailures}); none when the client went away. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failed(Exception e, HttpServletRequest request) {
        return CoreFailures.of(e, request).map(failure -> models.answer(request, failure)).orElse(null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Failure body = CoreFailures.bodyFailure(e);
        if (body != null) {
            return models.answer(servlet(request), body);
        }
        if (CoreFailures.isClientAbort(e)) {
            return null;
        }
        return models.answer(servlet(request), Failure.of(400, JsonErrors.describe(e)));
    }

    /** A Content-Type Spring cannot read as a media type has no type to name: say which header is wrong. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getContentType() == null) {
            return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(status,
                    "the Content-Type header is not a media type"), headers, status, request);
        }
        return super.handleHttpMediaTypeNotSupported(e, headers, status, request);
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

    private static HttpServletRequest servlet(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }
}
