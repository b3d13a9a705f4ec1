package io.callvault.live;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

import io.callvault.audio.AudioContainer;
import io.callvault.audio.AudioEncoding;
import io.callvault.audio.AudioInfo;
import io.callvault.audio.WavHeader;

/**
 * How a live session's samples are coded: stored as received, in a WAV file. Only the telephone codecs the live
 * protocols carry: L16 (signed 16-bit little-endian PCM), PCMU (μ-law) and PCMA (A-law).
 */
public record LiveFormat(AudioEncoding encoding, int sampleRate, int channels) {

    public static final LiveFormat PCMU_MONO = new LiveFormat(AudioEncoding.MULAW, 8000, 1);
    public static final LiveFormat PCMU_STEREO = new LiveFormat(AudioEncoding.MULAW, 8000, 2);

    public LiveFormat {
        if (encoding != AudioEncoding.PCM && encoding != AudioEncoding.MULAW && encoding != AudioEncoding.ALAW) {
            throw new IllegalArgumentException("live audio is L16, PCMU or PCMA, not " + encoding);
        }
        if (sampleRate < 8000 || sampleRate > 48000 || channels < 1 || channels > 2) {
            throw new IllegalArgumentException("live audio is 8000-48000 Hz, mono or stereo");
        }
    }

    /** A protocol's codec name ({@code L16}, {@code PCMU}, {@code PCMA}), case-insensitive. */
    public static Optional<LiveFormat> of(String codec, int sampleRate, int channels) {
        AudioEncoding encoding = switch (codec == null ? "" : codec.toUpperCase(Locale.ROOT)) {
            case "L16" -> AudioEncoding.PCM;
            case "PCMU" -> AudioEncoding.MULAW;
            case "PCMA" -> AudioEncoding.ALAW;
            default -> null;
        };
        if (encoding == null || sampleRate < 8000 || sampleRate > 48000 || channels < 1 || channels > 2) {
            return Optional.empty();
        }
        return Optional.of(new LiveFormat(encoding, sampleRate, channels));
    }

    /** The codec's name as the live protocols and the listen stream spell it. */
    public String codec() {
        return switch (encoding) {
            case PCM -> "L16";
            case MULAW -> "PCMU";
            default -> "PCMA";
        };
    }

    public int bytesPerSample() {
        return encoding == AudioEncoding.PCM ? 2 : 1;
    }

    /** Bytes of one sample of every channel. */
    public int frameBytes() {
        return bytesPerSample() * channels;
    }

    /** The byte a silent sample is coded as (μ-law and A-law code zero as 0xFF and 0xD5, not 0). */
    public byte silence() {
        return switch (encoding) {
            case MULAW -> (byte) 0xFF;
            case ALAW -> (byte) 0xD5;
            default -> 0;
        };
    }

    public long bytesPerSecond() {
        return (long) sampleRate * frameBytes();
    }

    /** Whole sample frames of {@code millis} of audio. */
    public long bytesFor(long millis) {
        return millis * sampleRate / 1000 * frameBytes();
    }

    public long durationMs(long dataBytes) {
        return dataBytes * 1000 / bytesPerSecond();
    }

    public AudioInfo info(long dataLength) {
        return new AudioInfo(AudioContainer.WAV, encoding, channels, sampleRate, bytesPerSample() * 8,
                durationMs(dataLength), headerLength(), dataLength);
    }

    public int headerLength() {
        return header(0).length;
    }

    /** The WAV header of a file holding {@code dataLength} bytes of this audio. */
    public byte[] header(long dataLength) {
        return WavHeader.of(new AudioInfo(AudioContainer.WAV, encoding, channels, sampleRate, bytesPerSample() * 8,
                0, 0, 0), dataLength);
    }

    /** The format a header written by {@link #header} declares (what a restart reads back from a live file). */
    public static Optional<LiveFormat> ofHeader(byte[] header) {
        if (header.length < 44) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int tag = b.getShort(20) & 0xFFFF;
        int channels = b.getShort(22);
        int rate = b.getInt(24);
        for (AudioEncoding encoding : new AudioEncoding[] {AudioEncoding.PCM, AudioEncoding.MULAW, AudioEncoding.ALAW}) {
            if (encoding.waveFormatTag() == tag && rate >= 8000 && rate <= 48000 && channels >= 1 && channels <= 2) {
                return Optional.of(new LiveFormat(encoding, rate, channels));
            }
        }
        return Optional.empty();
    }
}
