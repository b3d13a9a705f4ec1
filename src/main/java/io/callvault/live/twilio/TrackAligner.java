package io.callvault.live.twilio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import io.callvault.live.LiveSession;

/**
 * Places each track's μ-law chunks on the stream's timeline by their timestamps and writes them to the session:
 * one track as is, two interleaved (channel 1 inbound, channel 2 outbound). A track that skips time gets silence
 * there; a chunk that overlaps what a track already has loses the overlap. Audio is written once both tracks have
 * it, or once one track is {@link #MAX_LAG_SAMPLES} ahead (the other then has silence up to it).
 */
final class TrackAligner {

    private static final byte SILENCE = (byte) 0xFF;
    private static final int SAMPLES_PER_MS = 8;
    /** Two seconds: how far one track may run ahead before the other is taken to be silent. */
    static final int MAX_LAG_SAMPLES = 2 * 8000;

    private final LiveSession session;
    private final Track[] tracks;
    /** Samples of the timeline written to the session. */
    private long written;

    TrackAligner(LiveSession session, int trackCount) {
        this.session = session;
        this.tracks = new Track[trackCount];
        for (int i = 0; i < trackCount; i++) {
            tracks[i] = new Track();
        }
    }

    /** A chunk of a track (0 inbound, 1 outbound) that starts {@code timestampMs} into the stream. */
    void add(int track, long timestampMs, byte[] samples) throws IOException {
        tracks[track].place(timestampMs * SAMPLES_PER_MS, samples, written);
        long leader = Arrays.stream(tracks).mapToLong(Track::end).max().orElse(written);
        for (Track t : tracks) {
            if (leader - t.end() > MAX_LAG_SAMPLES) {
                t.padTo(leader - MAX_LAG_SAMPLES);
            }
        }
        drain(Arrays.stream(tracks).mapToLong(Track::end).min().orElse(written));
    }

    /** At the end of the stream: the shorter track gets silence up to the longer, and all is written. */
    void flush() throws IOException {
        long end = Arrays.stream(tracks).mapToLong(Track::end).max().orElse(written);
        for (Track t : tracks) {
            t.padTo(end);
        }
        drain(end);
    }

    private void drain(long upTo) throws IOException {
        int count = (int) (upTo - written);
        if (count <= 0) {
            return;
        }
        byte[] out = new byte[count * tracks.length];
        for (int c = 0; c < tracks.length; c++) {
            byte[] samples = tracks[c].take(count);
            for (int i = 0; i < count; i++) {
                out[i * tracks.length + c] = samples[i];
            }
        }
        for (int offset = 0; offset < out.length; offset += LiveSession.MAX_FRAME) {
            int length = Math.min(LiveSession.MAX_FRAME - LiveSession.MAX_FRAME % tracks.length, out.length - offset);
            session.write(ByteBuffer.wrap(out, offset, length));
        }
        written = upTo;
    }

    /** One track's samples not yet written, starting at the timeline's {@code written} sample. */
    private static final class Track {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private long start;

        long end() {
            return start + pending.size();
        }

        void place(long at, byte[] samples, long written) {
            if (pending.size() == 0 && start < written) {
                start = written;
            }
            long from = Math.max(at, end());
            padTo(at);
            int skip = (int) (from - at);
            if (skip < samples.length) {
                pending.write(samples, skip, samples.length - skip);
            }
        }

        void padTo(long sample) {
            for (long i = end(); i < sample; i++) {
                pending.write(SILENCE);
            }
        }

        byte[] take(int count) {
            byte[] all = pending.toByteArray();
            pending.reset();
            pending.write(all, count, all.length - count);
            start += count;
            return Arrays.copyOf(all, count);
        }
    }
}
