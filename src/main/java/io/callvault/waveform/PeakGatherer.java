package io.callvault.waveform;

import java.util.Arrays;

/** Gathers decoded samples, frame by frame, into the buckets of {@link Peaks}. */
final class PeakGatherer {

    private final int channels;
    private final int buckets;
    private final long expectedFrames;
    private final short[][] values;
    private long frame;

    /** @param expectedFrames how many sample frames the audio holds (an estimate for MP3: its duration) */
    PeakGatherer(int channels, long expectedFrames) {
        this.channels = channels;
        this.expectedFrames = Math.max(1, expectedFrames);
        this.buckets = (int) Math.min(Peaks.STORED_BUCKETS, this.expectedFrames);
        this.values = new short[channels][buckets * 2];
        for (short[] channel : values) {
            for (int b = 0; b < buckets; b++) {
                channel[2 * b] = Short.MAX_VALUE;
                channel[2 * b + 1] = Short.MIN_VALUE;
            }
        }
    }

    /** Interleaved 16-bit samples; {@code count} is a whole number of frames. */
    void add(short[] samples, int count) {
        for (int i = 0; i + channels <= count; i += channels, frame++) {
            int bucket = (int) Math.min(buckets - 1, frame * buckets / expectedFrames);
            for (int c = 0; c < channels; c++) {
                short sample = samples[i + c];
                short[] channel = values[c];
                if (sample < channel[2 * bucket]) {
                    channel[2 * bucket] = sample;
                }
                if (sample > channel[2 * bucket + 1]) {
                    channel[2 * bucket + 1] = sample;
                }
            }
        }
    }

    Peaks peaks(long durationMs) {
        short[][] done = new short[channels][];
        for (int c = 0; c < channels; c++) {
            done[c] = Arrays.copyOf(values[c], values[c].length);
            for (int b = 0; b < buckets; b++) {
                if (done[c][2 * b] > done[c][2 * b + 1]) { // no sample fell here (a short MP3): silence
                    done[c][2 * b] = 0;
                    done[c][2 * b + 1] = 0;
                }
            }
        }
        return new Peaks(channels, buckets, durationMs, done);
    }
}
