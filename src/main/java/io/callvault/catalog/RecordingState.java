package io.callvault.catalog;

/**
 * {@code Fail}: the recorder failed to capture this segment, so it has no audio. {@code Recording}: live audio is
 * arriving (the row grows; the audio is not served until it ends). {@code Interrupted}: a live session that did not
 * end cleanly (a crash, a timeout, a dropped connection); its audio is what arrived, playable.
 */
public enum RecordingState {
    Success, Fail, Recording, Interrupted;

    /** Whether a recording in this state has stored audio to serve. */
    public boolean playable() {
        return this == Success || this == Interrupted;
    }
}
