package io.callvault.waveform;

import java.io.IOException;
import java.io.InputStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import io.callvault.audio.AudioContainer;
import io.callvault.audio.AudioEncoding;
import io.callvault.audio.AudioInfo;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Decodes a recording's audio payload to 16-bit samples as it streams from storage, never holding more than a buffer:
 * WAV PCM directly, μ-law and A-law through the JDK's own G.711 codecs, MP3 through JLayer.
 */
final class AudioDecoder {

    private static final int FRAMES_PER_READ = 4096;

    private AudioDecoder() {
    }

    static Peaks peaks(AudioInfo audio, InputStream payload) throws IOException {
        if (audio.container() == AudioContainer.MP3) {
            return mp3(audio, payload);
        }
        int bytesPerSample = audio.bitsPerSample() / 8;
        long frames = audio.dataLength() / ((long) audio.channels() * bytesPerSample);
        PeakGatherer peaks = new PeakGatherer(audio.channels(), frames);
        InputStream pcm16 = payload;
        int width = bytesPerSample;
        if (audio.encoding() == AudioEncoding.MULAW || audio.encoding() == AudioEncoding.ALAW) {
            AudioFormat g711 = new AudioFormat(audio.encoding() == AudioEncoding.MULAW ? AudioFormat.Encoding.ULAW
                    : AudioFormat.Encoding.ALAW, audio.sampleRate(), 8, audio.channels(), audio.channels(), audio.sampleRate(), false);
            AudioFormat linear = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, audio.sampleRate(), 16, audio.channels(),
                    audio.channels() * 2, audio.sampleRate(), false);
            pcm16 = AudioSystem.getAudioInputStream(linear, new AudioInputStream(payload, g711, frames));
            width = 2;
        } else if (audio.encoding() != AudioEncoding.PCM || (width != 1 && width != 2)) {
            throw new IOException("no waveform for " + audio.encoding().wireName() + " at "
                    + audio.bitsPerSample() + " bits");
        }
        int frameBytes = audio.channels() * width;
        byte[] bytes = new byte[FRAMES_PER_READ * frameBytes];
        short[] samples = new short[FRAMES_PER_READ * audio.channels()];
        int n;
        while ((n = pcm16.readNBytes(bytes, 0, bytes.length)) > 0) {
            int count = (n / frameBytes) * audio.channels();
            for (int i = 0; i < count; i++) {
                samples[i] = width == 1 ? (short) (((bytes[i] & 0xff) - 128) << 8) // 8-bit WAV is unsigned
                        : (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            }
            peaks.add(samples, count);
        }
        return peaks.peaks(audio.durationMs());
    }

    private static Peaks mp3(AudioInfo audio, InputStream payload) throws IOException {
        PeakGatherer peaks = new PeakGatherer(audio.channels(), audio.durationMs() * audio.sampleRate() / 1000);
        Bitstream frames = new Bitstream(payload);
        Decoder decoder = new Decoder();
        try {
            Header header;
            while ((header = frames.readFrame()) != null) {
                try {
                    SampleBuffer decoded = (SampleBuffer) decoder.decodeFrame(header, frames);
                    if (decoded.getChannelCount() == audio.channels()) {
                        peaks.add(decoded.getBuffer(), decoded.getBufferLength());
                    }
                } catch (DecoderException | ArrayIndexOutOfBoundsException damaged) {
                    // a damaged frame is skipped, as a player would: its bucket stays as the frames around it made it
                } finally {
                    frames.closeFrame();
                }
            }
        } catch (BitstreamException e) {
            throw new IOException("MP3 stream unreadable: " + e.getMessage(), e);
        } finally {
            try {
                frames.close();
            } catch (BitstreamException ignored) {
                // the stream below is closed by its owner
            }
        }
        return peaks.peaks(audio.durationMs());
    }
}
