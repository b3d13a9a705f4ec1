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
 * What only the Wellcloud dialect's own failures mean in its model: its vendor codes, a missing Authorization
 * header as 403 (contract 3.0), audio the store lost as 448. Its controller's failures come here; its audio
 * endpoints ({@link WellcloudAudio}) ask {@link #failureOf} directly. Everything else is answered by the shared
 * handler through {@link WellcloudErrorModel}.
 */
@RestControllerAdvice(assignableTypes = WellcloudController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WellcloudErrors {

    private final WellcloudErrorModel model;

    WellcloudErrors(WellcloudErrorModel model) {
        this.model = model;
    }

    @ExceptionHandler({WellcloudException.class, AuthenticationException.class, MissingAudioException.class})
    ResponseEntity<Object> own(Exception e) {
        return model.answer(failureOf(e));
    }

    /** @return the failure in this dialect's terms, or null where the shared meaning holds */
    static Failure failureOf(Exception e) {
        if (e instanceof WellcloudException wellcloud) {
            return Failure.of(wellcloud.status(), wellcloud.getMessage());
        }
        if (e instanceof AuthenticationException authentication) {
            return Failure.of(authentication.reason() == AuthenticationException.Reason.MISSING ? 403 : 401,
                    authentication.getMessage());
        }
        if (e instanceof MissingAudioException) {
            // the catalog lists audio the store no longer holds: to the client, the recording file does not exist
            return Failure.of(WellcloudException.NO_RECORDING_FILE, "录音文件不存在");
        }
        return null;
    }
}
