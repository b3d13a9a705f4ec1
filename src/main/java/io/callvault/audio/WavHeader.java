package io.callvault.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A canonical RIFF/WAVE header for {@code dataLength} bytes of audio in the given format (used for joined streams). */
public final class WavHeader {

    /** The largest data chunk a RIFF header can declare, less the header itself. */
    public static final long MAX_DATA = 0xFFFFFFFFL - 64;

    private WavHeader() {
    }

    public static byte[] of(AudioInfo format, long dataLength) {
        if (format.container() != AudioContainer.WAV || dataLength > MAX_DATA) {
            throw new IllegalArgumentException("no WAV header for " + format + " with " + dataLength + " bytes");
        }
        boolean pcm = format.encoding() == AudioEncoding.PCM;
        int blockAlign = format.channels() * format.bitsPerSample() / 8;
        int fmtSize = pcm ? 16 : 18;
        int headerSize = 12 + 8 + fmtSize + (pcm ? 0 : 12) + 8;
        ByteBuffer b = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (headerSize - 8 + dataLength)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtSize)
                .putShort((short) format.encoding().waveFormatTag())
                .putShort((short) format.channels())
                .putInt(format.sampleRate())
                .putInt(format.sampleRate() * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) format.bitsPerSample());
        if (!pcm) {
            b.putShort((short) 0);
            b.put(ascii("fact")).putInt(4).putInt((int) (dataLength / blockAlign));
        }
        b.put(ascii("data")).putInt((int) dataLength);
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
