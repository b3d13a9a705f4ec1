package io.callvault.audio;

import java.io.IOException;

/**
 * Reads a RIFF/WAVE header: the fmt chunk (PCM 8/16-bit, A-law, μ-law, also inside WAVE_FORMAT_EXTENSIBLE)
 * and the position and length of the data chunk. The sample data itself is never read.
 */
final class WavReader {

    private static final int EXTENSIBLE = 0xFFFE;
    private static final int MAX_CHUNKS_BEFORE_DATA = 1000;

    private WavReader() {
    }

    static boolean looksLikeWav(byte[] head, int length) {
        return length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WAVE");
    }

    static AudioInfo read(FileWindow file) throws IOException, UnsupportedAudioException, InvalidAudioException {
        long size = file.size();
        byte[] chunkHeader = new byte[8];
        long position = 12;
        Format format = null;
        for (int chunks = 0; chunks < MAX_CHUNKS_BEFORE_DATA; chunks++) {
            if (file.read(position, chunkHeader, 8) < 8) {
                throw new InvalidAudioException(format == null
                        ? "WAV file ends before its fmt chunk"
                        : "WAV file ends before its data chunk");
            }
            String id = ascii(chunkHeader, 0, 4);
            long chunkSize = Integer.toUnsignedLong(le32(chunkHeader, 4));
            long body = position + 8;
            if (id.equals("data")) {
                if (format == null) {
                    throw new InvalidAudioException("WAV data chunk comes before any fmt chunk");
                }
                if (body + chunkSize > size) {
                    throw new InvalidAudioException("WAV data chunk declares " + chunkSize + " bytes but only "
                            + (size - body) + " follow: the file is truncated");
                }
                return format.measure(body, chunkSize);
            }
            if (body + chunkSize > size) {
                throw new InvalidAudioException("WAV chunk '" + printable(id) + "' declares " + chunkSize
                        + " bytes but the file ends after " + (size - body));
            }
            if (id.equals("fmt ")) {
                format = readFormat(file, body, chunkSize);
            }
            position = body + chunkSize + (chunkSize & 1);
        }
        throw new InvalidAudioException("WAV file has more than " + MAX_CHUNKS_BEFORE_DATA + " chunks before its data");
    }

    private static Format readFormat(FileWindow file, long body, long chunkSize)
            throws IOException, UnsupportedAudioException, InvalidAudioException {
        if (chunkSize < 16) {
            throw new InvalidAudioException("WAV fmt chunk is " + chunkSize + " bytes, at least 16 are needed");
        }
        byte[] fmt = new byte[(int) Math.min(chunkSize, 40)];
        file.read(body, fmt, fmt.length);
        int tag = le16(fmt, 0);
        if (tag == EXTENSIBLE) {
            if (fmt.length < 26) {
                throw new InvalidAudioException("WAV extensible fmt chunk is too short");
            }
            tag = le16(fmt, 24);
        }
        AudioEncoding encoding = switch (tag) {
            case 1 -> AudioEncoding.PCM;
            case 6 -> AudioEncoding.ALAW;
            case 7 -> AudioEncoding.MULAW;
            default -> throw new UnsupportedAudioException(
                    "WAV encoding 0x" + Integer.toHexString(tag) + " is not supported (PCM, A-law and μ-law are)");
        };
        int channels = le16(fmt, 2);
        long sampleRate = Integer.toUnsignedLong(le32(fmt, 4));
        int blockAlign = le16(fmt, 12);
        int bits = le16(fmt, 14);
        if (channels < 1 || channels > 2) {
            throw new UnsupportedAudioException("WAV with " + channels + " channels is not supported (mono and stereo are)");
        }
        if (sampleRate < 1 || sampleRate > 384_000) {
            throw new InvalidAudioException("WAV sample rate " + sampleRate + " is out of range");
        }
        boolean supportedBits = encoding == AudioEncoding.PCM ? bits == 8 || bits == 16 : bits == 8;
        if (!supportedBits) {
            throw new UnsupportedAudioException(bits + "-bit " + encoding.wireName() + " WAV is not supported");
        }
        if (blockAlign != channels * bits / 8) {
            throw new InvalidAudioException("WAV block align " + blockAlign + " does not match " + channels
                    + " channel(s) of " + bits + " bits");
        }
        return new Format(encoding, channels, (int) sampleRate, bits, blockAlign);
    }

    private record Format(AudioEncoding encoding, int channels, int sampleRate, int bits, int blockAlign) {
        AudioInfo measure(long dataOffset, long declaredLength) {
            long frames = declaredLength / blockAlign;
            long durationMs = frames * 1000 / sampleRate;
            return new AudioInfo(AudioContainer.WAV, encoding, channels, sampleRate, bits, durationMs,
                    dataOffset, frames * blockAlign);
        }
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static String ascii(byte[] b, int at, int length) {
        return new String(b, at, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String id) {
        return id.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
