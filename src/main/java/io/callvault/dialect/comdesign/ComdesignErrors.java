package io.callvault.dialect.comdesign;

import io.callvault.web.ApiException;
import io.callvault.web.Failure;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What only the Comdesign controller's own failures mean in its model: its error codes, and the shared core's
 * client errors (a bad cursor, times out of order), which name nothing valid. Everything else is answered by the
 * shared handler through {@link ComdesignErrorModel}.
 */
@RestControllerAdvice(assignableTypes = ComdesignController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComdesignErrors {

    private final ComdesignErrorModel model;

    ComdesignErrors(ComdesignErrorModel model) {
        this.model = model;
    }

    @ExceptionHandler(ComdesignException.class)
    ResponseEntity<Object> comdesign(ComdesignException e) {
        return model.answer(new Failure(400, e.error().name(), e.getMessage(), e.retryAfter()));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> core(ApiException e) {
        int status = e.status().value();
        if (status == 401 || status == 429 || status >= 500) {
            return model.answer(e.failure());
        }
        return comdesign(new ComdesignException(ComdesignError.INVALID_PARAMETER, e.getMessage()));
    }
}
