package io.callvault.audio;

/** The bytes are not in a format CallVault accepts (answered 415). */
public class UnsupportedAudioException extends Exception {
    public UnsupportedAudioException(String message) {
        super(message);
    }
}
