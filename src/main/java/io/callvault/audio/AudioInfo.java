package io.callvault.audio;

/**
 * What was measured of one audio file.
 *
 * @param bitsPerSample bits of one sample (WAV); 0 for MP3
 * @param dataOffset    where the audio payload starts: the WAV data chunk's bytes, or the first MP3 audio frame
 * @param dataLength    bytes of audio payload: whole sample frames (WAV) or whole MP3 frames
 */
public record AudioInfo(AudioContainer container, AudioEncoding encoding, int channels, int sampleRate,
        int bitsPerSample, long durationMs, long dataOffset, long dataLength) {

    /** Whether another file's payload can follow this one's in one continuous stream. */
    public boolean joinableWith(AudioInfo other) {
        return container == other.container && encoding == other.encoding && channels == other.channels
                && sampleRate == other.sampleRate && bitsPerSample == other.bitsPerSample;
    }
}
