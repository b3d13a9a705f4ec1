package io.callvault.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Short, real audio made in code: DTMF digits as a telephone would send them, and a few tones. */
final class DemoAudio {

    private static final int RATE = 8000;
    private static final double[][] DTMF = {
            {941, 1336}, {697, 1209}, {697, 1336}, {697, 1477}, {770, 1209},
            {770, 1336}, {770, 1477}, {852, 1209}, {852, 1336}, {852, 1477}};

    private DemoAudio() {
    }

    /** The digits as DTMF (120 ms tone, 80 ms gap), in 8 kHz μ-law WAV: what a phone system records. */
    static byte[] dtmfMulawWav(String digits) {
        short[] samples = new short[digits.length() * RATE / 5 + RATE / 2];
        int at = RATE / 4;
        for (char digit : digits.toCharArray()) {
            double[] pair = DTMF[digit - '0'];
            for (int i = 0; i < RATE * 12 / 100; i++) {
                double t = (double) i / RATE;
                samples[at + i] = (short) (8000 * (Math.sin(2 * Math.PI * pair[0] * t) + Math.sin(2 * Math.PI * pair[1] * t)));
            }
            at += RATE / 5;
        }
        AudioFormat mulaw = new AudioFormat(AudioFormat.Encoding.ULAW, RATE, 8, 1, 1, RATE, false);
        return wav(samples, mulaw);
    }

    /** A rising three-note chime, 8 kHz μ-law WAV like the DTMF, so that the call's two segments play as one stream. */
    static byte[] chimeMulawWav() {
        double[] notes = {523.25, 659.25, 783.99};
        short[] samples = new short[RATE * 3];
        for (int n = 0; n < notes.length; n++) {
            for (int i = 0; i < RATE; i++) {
                double t = (double) i / RATE;
                double envelope = Math.exp(-3.0 * t);
                samples[n * RATE + i] = (short) (12000 * envelope * Math.sin(2 * Math.PI * notes[n] * t));
            }
        }
        return wav(samples, new AudioFormat(AudioFormat.Encoding.ULAW, RATE, 8, 1, 1, RATE, false));
    }

    private static byte[] wav(short[] samples, AudioFormat target) {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat linear = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(pcm), linear, samples.length)) {
            AudioInputStream stream = AudioSystem.getAudioInputStream(target, source);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
