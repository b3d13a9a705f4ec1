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

    /**
     * The audio from {@code fromOffset} to {@code toOffset} (bytes from the recording's start) never reached this
     * listener, and the audio that follows starts at {@code toOffset}: a relay from another node lost it while the
     * deployment's Redis was away. The source's {@link LiveAudioSource#read} has it. A session this node captures
     * misses nothing, and a listener that ignores this hears a jump.
     */
    default void missed(long fromOffset, long toOffset) {
    }

    /**
     * The recording holds silence from {@code fromOffset} to {@code toOffset}, every byte {@code sample}: a stretch
     * the platform left out (a call on hold, audio it discarded), added at once when the call goes on. Told in one
     * call rather than as audio, so that a hold's minutes of silence, arriving in an instant, do not count as a
     * listener falling behind. By default the listener reads it from the source as audio it missed.
     */
    default void silence(long fromOffset, long toOffset, byte sample) {
        missed(fromOffset, toOffset);
    }

    /** The session ended in this state; no more audio follows. */
    void ended(RecordingState state);
}
