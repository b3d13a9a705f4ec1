package io.callvault.web;

import java.io.IOException;

/** A request body arrives slower than the minimum rate: the client is holding a thread with a trickle, 408. */
public class BodyTooSlowException extends IOException {

    public BodyTooSlowException(long minBytesPerSecond) {
        super("the request body arrives slower than " + minBytesPerSecond + " bytes a second");
    }
}
