package io.callvault.delivery;

import io.callvault.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * The catalog says a recording has audio, but the store does not hold it whole: damage, never a client error. The
 * client is told only that; the storage key goes to the log.
 */
public class MissingAudioException extends ApiException {

    private final String key;

    public MissingAudioException(String key) {
        super(HttpStatus.INTERNAL_SERVER_ERROR, "the stored audio of this recording is damaged or missing");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
