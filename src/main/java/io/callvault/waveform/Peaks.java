package io.callvault.waveform;

/**
 * The lowest and highest sample of each bucket of a recording, per channel, as 16-bit values.
 *
 * @param values for each channel, {@code buckets} pairs of (min, max)
 */
record Peaks(int channels, int buckets, long durationMs, short[][] values) {

    /** Enough for any request (contract 7: at most 10,000 points), about 80 KB for a stereo call. */
    static final int STORED_BUCKETS = 10_000;

    /** The peaks reduced to {@code points} buckets, as values in −1…1; a bucket with no samples is (0, 0). */
    double[][][] reducedTo(int points) {
        double[][][] reduced = new double[channels][points][2];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < points; i++) {
                int from = (int) ((long) i * buckets / points);
                int to = Math.max(from + 1, (int) ((long) (i + 1) * buckets / points));
                short min = Short.MAX_VALUE;
                short max = Short.MIN_VALUE;
                for (int b = from; b < to && b < buckets; b++) {
                    min = (short) Math.min(min, values[c][2 * b]);
                    max = (short) Math.max(max, values[c][2 * b + 1]);
                }
                if (min > max) {
                    min = 0;
                    max = 0;
                }
                reduced[c][i][0] = Math.round(min / 32768.0 * 10_000) / 10_000.0;
                reduced[c][i][1] = Math.round(max / 32767.0 * 10_000) / 10_000.0;
            }
        }
        return reduced;
    }

    byte[] toBytes() {
        byte[] bytes = new byte[channels * buckets * 4];
        int at = 0;
        for (short[] channel : values) {
            for (short value : channel) {
                bytes[at++] = (byte) (value >> 8);
                bytes[at++] = (byte) value;
            }
        }
        return bytes;
    }

    static Peaks fromBytes(int channels, int buckets, long durationMs, byte[] bytes) {
        short[][] values = new short[channels][buckets * 2];
        int at = 0;
        for (short[] channel : values) {
            for (int i = 0; i < channel.length; i++, at += 2) {
                channel[i] = (short) ((bytes[at] << 8) | (bytes[at + 1] & 0xff));
            }
        }
        return new Peaks(channels, buckets, durationMs, values);
    }
}
