package io.callvault.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real audio for tests: WAV files of each supported encoding made by the JDK's own writer, and the MP3 fixtures. */
public final class TestAudio {

    private TestAudio() {
    }

    /** {@code frames} sample frames of a tone, 16-bit PCM. */
    public static byte[] pcm16(int rate, int channels, int frames) {
        return wav(new AudioFormat(rate, 16, channels, true, false), tone(rate, channels, frames, 16, true), frames);
    }

    /** 8-bit PCM (unsigned, as WAV stores it). */
    public static byte[] pcm8(int rate, int channels, int frames) {
        return wav(new AudioFormat(rate, 8, channels, false, false), tone(rate, channels, frames, 8, false), frames);
    }

    /** 16-bit stereo: each channel's sample of each frame given by a function of the frame's index. */
    public static byte[] stereo16(int rate, int frames, java.util.function.IntUnaryOperator left,
            java.util.function.IntUnaryOperator right) {
        byte[] data = new byte[frames * 4];
        for (int f = 0; f < frames; f++) {
            short l = (short) left.applyAsInt(f);
            short r = (short) right.applyAsInt(f);
            data[4 * f] = (byte) l;
            data[4 * f + 1] = (byte) (l >> 8);
            data[4 * f + 2] = (byte) r;
            data[4 * f + 3] = (byte) (r >> 8);
        }
        return wav(new AudioFormat(rate, 16, 2, true, false), data, frames);
    }

    public static byte[] mulaw(int rate, int channels, int frames) {
        return convert(rate, channels, frames, AudioFormat.Encoding.ULAW);
    }

    public static byte[] alaw(int rate, int channels, int frames) {
        return convert(rate, channels, frames, AudioFormat.Encoding.ALAW);
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestAudio.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /audio/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads audio back with javax.sound.sampled: an independent check that bytes are a valid file. */
    public static AudioInputStream read(byte[] file) {
        try {
            return AudioSystem.getAudioInputStream(new ByteArrayInputStream(file));
        } catch (Exception e) {
            throw new AssertionError("javax.sound.sampled cannot read the audio: " + e, e);
        }
    }

    private static byte[] convert(int rate, int channels, int frames, AudioFormat.Encoding encoding) {
        AudioFormat linear = new AudioFormat(rate, 16, channels, true, false);
        AudioFormat target = new AudioFormat(encoding, rate, 8, channels, channels, rate, false);
        try (AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(tone(rate, channels, frames, 16, true)),
                linear, frames)) {
            return write(AudioSystem.getAudioInputStream(target, source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] wav(AudioFormat format, byte[] data, int frames) {
        return write(new AudioInputStream(new ByteArrayInputStream(data), format, frames));
    }

    private static byte[] write(AudioInputStream stream) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] tone(int rate, int channels, int frames, int bits, boolean signed) {
        int bytes = bits / 8;
        byte[] data = new byte[frames * channels * bytes];
        int i = 0;
        for (int f = 0; f < frames; f++) {
            double v = Math.sin(2 * Math.PI * 440 * f / rate);
            for (int c = 0; c < channels; c++) {
                if (bits == 16) {
                    short s = (short) (v * 12000);
                    data[i++] = (byte) s;
                    data[i++] = (byte) (s >> 8);
                } else {
                    int s = (int) (v * 100);
                    data[i++] = (byte) (signed ? s : s + 128);
                }
            }
        }
        return data;
    }
}
