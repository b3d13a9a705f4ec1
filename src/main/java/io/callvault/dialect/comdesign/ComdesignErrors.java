package io.callvault.dialect.comdesign;

import io.callvault.web.ApiException;
import io.callvault.web.Failure;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What only the Comdesign dialect's own failures mean in its model: its error codes, and the shared core's
 * client errors (a bad cursor, times out of order), which name nothing valid. Its controller's failures come here;
 * its audio endpoint ({@link ComdesignAudio}) asks {@link #failureOf} directly. Everything else is answered by the
 * shared handler through {@link ComdesignErrorModel}.
 */
@RestControllerAdvice(assignableTypes = ComdesignController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ComdesignErrors {

    private final ComdesignErrorModel model;

    ComdesignErrors(ComdesignErrorModel model) {
        this.model = model;
    }

    @ExceptionHandler({ComdesignException.class, ApiException.class})
    ResponseEntity<Object> own(Exception e) {
        return model.answer(failureOf(e));
    }

    /** @return the failure in this dialect's terms, or null where the shared meaning holds */
    static Failure failureOf(Exception e) {
        if (e instanceof ComdesignException comdesign) {
            return new Failure(400, comdesign.error().name(), comdesign.getMessage(), comdesign.retryAfter());
        }
        if (e instanceof ApiException api) {
            int status = api.status().value();
            if (status == 401 || status == 429 || status >= 500) {
                return api.failure();
            }
            return failureOf(new ComdesignException(ComdesignError.INVALID_PARAMETER, api.getMessage()));
        }
        return null;
    }
}
