package io.callvault.live;

import java.nio.ByteBuffer;

import io.callvault.catalog.RecordingState;

/**
 * Someone hearing a live session as it is captured. Called on the capturing thread: an implementation must hand
 * the bytes off without blocking (and drop itself when it cannot keep up), so that no listener slows capture.
 */
public interface LiveListener {

    /** Audio just captured; the buffer is the listener's to read, not to keep. */
    void audio(ByteBuffer audio);

    /** The session ended in this state; no more audio follows. */
    void ended(RecordingState state);
}
