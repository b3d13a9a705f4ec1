package io.callvault.live;

/** A live session that cannot start (its leg is already recorded, bad call metadata, the server is stopping). */
public class LiveRefusedException extends Exception {

    public LiveRefusedException(String message) {
        super(message);
    }
}
