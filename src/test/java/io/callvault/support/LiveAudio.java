package io.callvault.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * Call audio to replay over the live protocols: a stereo μ-law WAV of a call (customer on channel 1, agent on
 * channel 2, each speaking in turns), made from a seed so a failure reproduces, and its 20 ms frames.
 */
public final class LiveAudio {

    private LiveAudio() {
    }

    /** {@code seconds} of a two-party call as raw interleaved samples: μ-law when {@code mulaw}, else L16 LE. */
    public static byte[] call(long seed, double seconds, int channels, boolean mulaw) {
        Random random = new Random(seed);
        int frames = (int) (8000 * seconds);
        int bytesPerSample = mulaw ? 1 : 2;
        ByteBuffer out = ByteBuffer.allocate(frames * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        double[] pitch = {180 + random.nextInt(60), 110 + random.nextInt(40)};
        for (int i = 0; i < frames; i++) {
            int turn = (i / 8000) % 2; // the parties speak in turns of a second
            for (int c = 0; c < channels; c++) {
                boolean speaking = c == turn || channels == 1;
                double voice = speaking ? 0.4 * Math.sin(2 * Math.PI * pitch[c] * i / 8000)
                        * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * i / 8000)) : 0;
                double noise = (random.nextDouble() - 0.5) * 0.02;
                short sample = (short) Math.round((voice + noise) * 32767);
                if (mulaw) {
                    out.put(linearToMulaw(sample));
                } else {
                    out.putShort(sample);
                }
            }
        }
        return out.array();
    }

    /** The audio cut into frames of {@code millis} (the last may be shorter). */
    public static byte[][] frames(byte[] audio, int bytesPerMilli, int millis) {
        int size = bytesPerMilli * millis;
        byte[][] frames = new byte[(audio.length + size - 1) / size][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Arrays.copyOfRange(audio, i * size, Math.min(audio.length, (i + 1) * size));
        }
        return frames;
    }

    /** The samples of a WAV file this server wrote (a canonical header: the data chunk is last). */
    public static byte[] samples(byte[] wav) {
        for (int i = 12; i + 8 <= wav.length; ) {
            String id = new String(wav, i, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = ByteBuffer.wrap(wav, i + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (id.equals("data")) {
                return Arrays.copyOfRange(wav, i + 8, Math.min(wav.length, i + 8 + size));
            }
            i += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk");
    }

    /** Sleeps until {@code millis} after {@code startNanos}: frames go out in real time. */
    public static void pace(long startNanos, long millis) {
        long wait = startNanos + millis * 1_000_000 - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** G.711 μ-law of a 16-bit sample. */
    static byte linearToMulaw(short pcm) {
        int sample = pcm;
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        sample = Math.min(sample, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** A platform sending its frames in real time from a thread of its own, until they run out or it is closed. */
    public static final class PacedSender implements AutoCloseable {

        private final java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final Thread thread;

        public PacedSender(LiveClient client, byte[][] frames, long frameMillis) {
            thread = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < frames.length && sending.get(); i++) {
                    pace(start, i * frameMillis);
                    client.binary(frames[i]);
                }
            }, "paced-sender");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            sending.set(false);
            thread.join();
        }
    }
}
