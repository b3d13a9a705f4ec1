package io.callvault.live;

import java.io.IOException;

/** Audio a live session cannot take as sent (not whole samples, too large); the adapter answers in its protocol. */
public class LiveAudioException extends IOException {

    public LiveAudioException(String message) {
        super(message);
    }
}
