package io.callvault.live;

import java.io.IOException;

/**
 * Audio a live session cannot take as sent (not whole samples, too large, frames too often); the adapter answers in
 * its protocol. {@link #closeCode} is the WebSocket close code for protocols that answer by closing.
 */
public class LiveAudioException extends IOException {

    private final int closeCode;

    public LiveAudioException(String message) {
        this(message, 1007);
    }

    LiveAudioException(String message, int closeCode) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
