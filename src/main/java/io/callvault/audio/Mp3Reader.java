package io.callvault.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Walks the MPEG audio Layer III frames of an MP3 file: skips ID3v2 tags, recognises a Xing/Info/VBRI
 * header frame (metadata, not audio) and the encoder delay and padding of a LAME tag, counts every
 * complete frame, and stops at an ID3v1/APE tag, trailing garbage or a truncated last frame.
 * Duration is counted from frames, so it is exact for CBR and VBR alike.
 */
final class Mp3Reader {

    private static final int[][] BITRATES_KBPS = {
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // MPEG-1 Layer III
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}, // MPEG-2/2.5 Layer III
    };
    private static final int[][] SAMPLE_RATES = {
            {44100, 48000, 32000}, // MPEG-1
            {22050, 24000, 16000}, // MPEG-2
            {11025, 12000, 8000}, // MPEG-2.5
    };
    /** How far past an ID3v2 tag a first frame is looked for (some taggers leave padding). */
    private static final int SYNC_SEARCH = 64 * 1024;

    private Mp3Reader() {
    }

    static boolean looksLikeMp3(byte[] head, int length) {
        if (length >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            return true;
        }
        return length >= 4 && FrameHeader.parse(head, 0) != null;
    }

    static AudioInfo read(FileWindow file) throws IOException, UnsupportedAudioException, InvalidAudioException {
        long size = file.size();
        long position = skipId3v2(file);
        FrameHeader first = null;
        byte[] header = new byte[4];
        long limit = Math.min(size, position + SYNC_SEARCH);
        for (; position + 4 <= limit; position++) {
            file.read(position, header, 4);
            FrameHeader candidate = FrameHeader.parse(header, 0);
            if (candidate != null && confirmedByNext(file, position, candidate)) {
                first = candidate;
                break;
            }
        }
        if (first == null) {
            throw new UnsupportedAudioException("no MPEG Layer III audio frames found: not an MP3 file");
        }

        long delayAndPadding = 0;
        long dataOffset = position;
        byte[] frame = new byte[Math.min(first.length(), 512)];
        file.read(position, frame, frame.length);
        VbrHeader vbr = VbrHeader.find(frame, first);
        if (vbr != null) {
            delayAndPadding = vbr.delayAndPadding();
            position += first.length();
            dataOffset = position;
        }

        long frames = 0;
        while (position + 4 <= size) {
            file.read(position, header, 4);
            FrameHeader next = FrameHeader.parse(header, 0);
            if (next == null || !next.sameStreamAs(first) || position + next.length() > size) {
                break;
            }
            frames++;
            position += next.length();
        }
        if (frames == 0) {
            throw new InvalidAudioException("MP3 file has no complete audio frame");
        }
        long samples = frames * first.samplesPerFrame();
        if (delayAndPadding > 0 && delayAndPadding < samples) {
            samples -= delayAndPadding;
        }
        long durationMs = samples * 1000 / first.sampleRate();
        return new AudioInfo(AudioContainer.MP3, AudioEncoding.MP3, first.channels(), first.sampleRate(), 0,
                durationMs, dataOffset, position - dataOffset);
    }

    /** A sync word in random bytes is likely; two frames in a row, or one that ends the file, are not. */
    private static boolean confirmedByNext(FileWindow file, long position, FrameHeader frame) throws IOException {
        long next = position + frame.length();
        if (next == file.size()) {
            return true;
        }
        byte[] header = new byte[4];
        if (file.read(next, header, 4) < 4) {
            return false;
        }
        FrameHeader following = FrameHeader.parse(header, 0);
        return following != null && following.sameStreamAs(frame);
    }

    private static long skipId3v2(FileWindow file) throws IOException, InvalidAudioException {
        long position = 0;
        byte[] tag = new byte[10];
        while (file.read(position, tag, 10) == 10 && tag[0] == 'I' && tag[1] == 'D' && tag[2] == '3') {
            long tagSize = 10L + ((tag[6] & 0x7F) << 21 | (tag[7] & 0x7F) << 14 | (tag[8] & 0x7F) << 7 | (tag[9] & 0x7F));
            if ((tag[5] & 0x10) != 0) {
                tagSize += 10; // footer
            }
            if (position + tagSize > file.size()) {
                throw new InvalidAudioException("ID3v2 tag declares " + tagSize + " bytes, more than the file holds");
            }
            position += tagSize;
        }
        return position;
    }

    /** One MPEG-1/2/2.5 Layer III frame header. */
    record FrameHeader(int version, int sampleRate, int bitrateKbps, boolean padded, int channels) {

        static final int MPEG1 = 0;
        static final int MPEG2 = 1;
        static final int MPEG25 = 2;

        static FrameHeader parse(byte[] b, int at) {
            int h = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
            if ((h >>> 21) != 0x7FF) {
                return null;
            }
            int versionBits = (h >>> 19) & 3;
            int layerBits = (h >>> 17) & 3;
            int bitrateIndex = (h >>> 12) & 0xF;
            int rateIndex = (h >>> 10) & 3;
            if (versionBits == 1 || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
                return null; // reserved values, free format, or not Layer III
            }
            int version = switch (versionBits) {
                case 3 -> MPEG1;
                case 2 -> MPEG2;
                default -> MPEG25;
            };
            int bitrate = BITRATES_KBPS[version == MPEG1 ? 0 : 1][bitrateIndex];
            int sampleRate = SAMPLE_RATES[version][rateIndex];
            boolean padded = ((h >>> 9) & 1) == 1;
            int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
            return new FrameHeader(version, sampleRate, bitrate, padded, channels);
        }

        int samplesPerFrame() {
            return version == MPEG1 ? 1152 : 576;
        }

        int length() {
            int coefficient = version == MPEG1 ? 144 : 72;
            return coefficient * bitrateKbps * 1000 / sampleRate + (padded ? 1 : 0);
        }

        /** Offset of a Xing/Info tag inside the frame: after the header and the side information. */
        int sideInfoEnd() {
            if (version == MPEG1) {
                return 4 + (channels == 1 ? 17 : 32);
            }
            return 4 + (channels == 1 ? 9 : 17);
        }

        boolean sameStreamAs(FrameHeader other) {
            return version == other.version && sampleRate == other.sampleRate && channels == other.channels;
        }
    }

    /** A Xing/Info or VBRI header in the first frame; with a LAME tag, the encoder delay and padding. */
    record VbrHeader(long delayAndPadding) {

        static VbrHeader find(byte[] frame, FrameHeader header) {
            int at = header.sideInfoEnd();
            String tag = at + 4 <= frame.length ? new String(frame, at, 4, StandardCharsets.ISO_8859_1) : "";
            if (tag.equals("Xing") || tag.equals("Info")) {
                return new VbrHeader(lameDelayAndPadding(frame, at));
            }
            if (frame.length >= 40 && new String(frame, 36, 4, StandardCharsets.ISO_8859_1).equals("VBRI")) {
                return new VbrHeader(0);
            }
            return null;
        }

        private static long lameDelayAndPadding(byte[] frame, int xing) {
            if (xing + 8 > frame.length) {
                return 0;
            }
            int flags = frame[xing + 7] & 0x0F;
            int lame = xing + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0)
                    + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
            if (lame + 24 > frame.length) {
                return 0;
            }
            String encoder = new String(frame, lame, 4, StandardCharsets.ISO_8859_1);
            if (!encoder.equals("LAME") && !encoder.equals("Lavc") && !encoder.equals("Lavf")) {
                return 0;
            }
            int d = lame + 21;
            int delay = (frame[d] & 0xFF) << 4 | (frame[d + 1] & 0xF0) >>> 4;
            int padding = (frame[d + 1] & 0x0F) << 8 | (frame[d + 2] & 0xFF);
            return delay + padding;
        }
    }
}
