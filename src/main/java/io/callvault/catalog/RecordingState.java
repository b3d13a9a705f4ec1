package io.callvault.catalog;

/** {@code Fail}: the recorder failed to capture this segment, so it has no audio. */
public enum RecordingState {
    Success, Fail
}
