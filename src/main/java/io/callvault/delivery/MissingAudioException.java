package io.callvault.delivery;

/** The catalog says a recording has audio, but the store does not hold it whole: damage, never a client error. */
public class MissingAudioException extends RuntimeException {
    public MissingAudioException(String key) {
        super("stored audio '" + key + "' is missing or shorter than the catalog says");
    }
}
