package io.callvault.dialect.wellcloud;

import io.callvault.delivery.MissingAudioException;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.web.Failure;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What only the Wellcloud controller's own failures mean in its model: its vendor codes, a missing Authorization
 * header as 403 (contract 3.0), audio the store lost as 448. Everything else is answered by the shared handler
 * through {@link WellcloudErrorModel}.
 */
@RestControllerAdvice(assignableTypes = WellcloudController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WellcloudErrors {

    private final WellcloudErrorModel model;

    WellcloudErrors(WellcloudErrorModel model) {
        this.model = model;
    }

    @ExceptionHandler(WellcloudException.class)
    ResponseEntity<Object> wellcloud(WellcloudException e) {
        return model.answer(Failure.of(e.status(), e.getMessage()));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> authentication(AuthenticationException e) {
        return model.answer(Failure.of(e.reason() == AuthenticationException.Reason.MISSING ? 403 : 401, e.getMessage()));
    }

    /** The catalog lists audio the store no longer holds: to the client, the recording file does not exist. */
    @ExceptionHandler(MissingAudioException.class)
    ResponseEntity<Object> missingAudio(MissingAudioException e) {
        return model.answer(Failure.of(WellcloudException.NO_RECORDING_FILE, "录音文件不存在"));
    }
}
