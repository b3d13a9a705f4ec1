package io.callvault.audio;

/** The bytes claim a supported format but are truncated or inconsistent (answered 422). */
public class InvalidAudioException extends Exception {
    public InvalidAudioException(String message) {
        super(message);
    }
}
