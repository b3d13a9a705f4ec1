package io.callvault.catalog;

import java.time.Instant;

import io.callvault.audio.AudioContainer;
import io.callvault.audio.AudioEncoding;
import io.callvault.audio.AudioInfo;

/**
 * One segment of a call's audio, as stored. {@code audio} is null for a {@link RecordingState#Fail} segment.
 * {@code store} names the blob store that holds {@code storageKey}. {@code vendorRecordId} is a live platform's own id
 * of the leg (CT-e1's recordId), null otherwise.
 */
public record Recording(String id, String tenantId, String callId, int recordId, RecordingState state,
        String deviceId, Instant startTime, Instant endTime, String store, String storageKey, long fileSize,
        String sha256, AudioInfo audio, Instant createdAt, String vendorRecordId) {

    public boolean hasAudio() {
        return state.playable() && storageKey != null;
    }

    public AudioContainer container() {
        return audio.container();
    }

    public long durationMs() {
        return audio == null ? 0 : audio.durationMs();
    }

    static AudioInfo audio(String format, String encoding, int channels, int sampleRate, int bits, long durationMs,
            long dataOffset, long dataLength) {
        if (format == null) {
            return null;
        }
        return new AudioInfo(AudioContainer.fromExtension(format), AudioEncoding.fromWireName(encoding), channels,
                sampleRate, bits, durationMs, dataOffset, dataLength);
    }
}
