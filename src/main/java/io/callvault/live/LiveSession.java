package io.callvault.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.callvault.catalog.RecordingState;

/**
 * One live recording being captured: its audio file on this node's disk, growing as a protocol adapter hands it
 * audio. The file is a WAV whose header is finished when the session ends; until then every write also goes to the
 * node's {@link LiveJournal}, which is what makes it durable within the sync interval.
 *
 * <p>The timeline is the call's: an adapter adds {@link #silence} where its protocol says audio was left out, and
 * {@link #catchUpWithClock} fills a gap in the stream (no audio arrived) with silence for protocols that say
 * nothing about time.
 */
public final class LiveSession implements LiveAudioSource {

    /** The largest binary frame any live protocol may send. */
    public static final int MAX_FRAME = 64 * 1024;
    /** A stream this far behind the clock has a gap (the platform sent nothing), not jitter. */
    private static final long GAP_MS = 1000;
    /**
     * Frames a session may send: 500 a second, bursts of 1,000 (the protocols send 50-100 a second). A flood of
     * tiny frames would cost a write and a journal record each; it is cut off instead.
     */
    private static final double FRAMES_PER_SECOND = 500;
    private static final double FRAME_BURST = 1000;
    /** The longest silence one announcement may add: a pause longer than this is not a call's. */
    static final java.time.Duration LONGEST_GAP = java.time.Duration.ofHours(4);

    private final UUID id;
    private final String tenantId;
    private final String callId;
    private final int recordId;
    private final LiveFormat format;
    private final Instant startedAt;
    private final long startedNanos;
    private final Path file;
    private final FileChannel channel;
    private final LiveJournal journal;
    private final LiveMeters meters;
    private final List<LiveListener> listeners = new CopyOnWriteArrayList<>();
    private final int headerLength;
    private long dataBytes;
    private long reportedBytes = -1;
    private double frameAllowance = FRAME_BURST;
    private long allowanceAt = System.nanoTime();
    private volatile long lastHeardNanos;
    private volatile java.util.function.Consumer<String> onCutOff = reason -> { };
    private volatile boolean closed;
    private RecordingState endedAs;

    LiveSession(UUID id, String tenantId, String callId, int recordId, LiveFormat format, Instant startedAt, Path file,
            FileChannel channel, LiveJournal journal, LiveMeters meters) {
        this.id = id;
        this.tenantId = tenantId;
        this.callId = callId;
        this.recordId = recordId;
        this.format = format;
        this.startedAt = startedAt;
        this.startedNanos = System.nanoTime();
        this.lastHeardNanos = startedNanos;
        this.file = file;
        this.channel = channel;
        this.journal = journal;
        this.meters = meters;
        this.headerLength = format.headerLength();
    }

    @Override
    public String recordingId() {
        return id.toString();
    }

    UUID id() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String callId() {
        return callId;
    }

    public int recordId() {
        return recordId;
    }

    @Override
    public LiveFormat format() {
        return format;
    }

    public Instant startedAt() {
        return startedAt;
    }

    Path file() {
        return file;
    }

    FileChannel channel() {
        return channel;
    }

    /** Appends received audio: whole sample frames of the session's format, at most {@link #MAX_FRAME} bytes. */
    public synchronized void write(ByteBuffer audio) throws IOException {
        int length = audio.remaining();
        if (length % format.frameBytes() != 0) {
            throw new LiveAudioException("an audio frame of " + length + " bytes is not whole samples of "
                    + format.codec() + " with " + format.channels() + " channel(s)");
        }
        if (length > MAX_FRAME) {
            throw new LiveAudioException("an audio frame of " + length + " bytes is over the limit of " + MAX_FRAME);
        }
        heard();
        if (closed || length == 0) {
            return;
        }
        spendFrame();
        append(audio);
    }

    private void append(ByteBuffer audio) throws IOException {
        store(audio);
        for (LiveListener listener : listeners) {
            listener.audio(audio.asReadOnlyBuffer());
        }
    }

    /** Into the file and the journal, not yet to the listeners. */
    private void store(ByteBuffer audio) throws IOException {
        int length = audio.remaining();
        long offset = headerLength + dataBytes;
        ByteBuffer bytes = audio.duplicate();
        long at = offset;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        journal.append(id, offset, audio.duplicate());
        dataBytes += length;
        meters.frame(length);
    }

    private void spendFrame() throws LiveAudioException {
        long now = System.nanoTime();
        frameAllowance = Math.min(FRAME_BURST, frameAllowance + (now - allowanceAt) * FRAMES_PER_SECOND / 1e9);
        allowanceAt = now;
        if (frameAllowance < 1) {
            throw new LiveAudioException("audio frames arrive too often (more than " + (int) FRAMES_PER_SECOND
                    + " a second)", 1008);
        }
        frameAllowance--;
    }

    /** Adds {@code millis} of silence: a pause or audio the platform discarded (at most {@link #LONGEST_GAP}). */
    public synchronized void silence(long millis) throws IOException {
        if (millis > LONGEST_GAP.toMillis()) {
            throw new LiveAudioException("a gap of " + millis + " ms is longer than a call", 1008);
        }
        long remaining = format.bytesFor(millis);
        byte[] chunk = new byte[(int) Math.min(remaining, 16_384 - 16_384 % format.frameBytes())];
        java.util.Arrays.fill(chunk, format.silence());
        long from = dataBytes;
        while (remaining > 0 && !closed) {
            int length = (int) Math.min(remaining, chunk.length);
            store(ByteBuffer.wrap(chunk, 0, length));
            remaining -= length;
        }
        if (dataBytes > from) {
            for (LiveListener listener : listeners) {
                listener.silence(from, dataBytes, format.silence());
            }
        }
    }

    /**
     * For protocols without timestamps, called before a frame of {@code frameMillis} is written: when the stream
     * is more than a second behind the clock, the platform sent nothing for a while, and that time becomes silence.
     */
    public synchronized void catchUpWithClock(long frameMillis) throws IOException {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000;
        long behind = elapsed - frameMillis - durationMs();
        if (behind > GAP_MS) {
            silence(behind);
        }
    }

    /** The session is alive (any message counts, audio or not). */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentForNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /**
     * How the adapter ends its connection when the core ends the session (silent past the idle timeout, or the
     * server stopping), given the reason in words; the core then finishes the session as {@code Interrupted}.
     */
    public void onCutOff(java.util.function.Consumer<String> action) {
        this.onCutOff = action;
    }

    void cutOff(String reason) {
        onCutOff.accept(reason);
    }

    public synchronized long dataBytes() {
        return dataBytes;
    }

    public synchronized long durationMs() {
        return format.durationMs(dataBytes);
    }

    /** Bytes of audio since the last call, or -1 when it has not grown (what the periodic row update needs). */
    synchronized long grownTo() {
        if (dataBytes == reportedBytes) {
            return -1;
        }
        reportedBytes = dataBytes;
        return dataBytes;
    }

    /**
     * Listeners hear audio from the moment they are added. Answers how many bytes of audio were captured before
     * that moment: what {@link #read} can replay for a listener that starts at the beginning.
     */
    @Override
    public synchronized long listen(LiveListener listener) {
        listeners.add(listener);
        if (endedAs != null) {
            listener.ended(endedAs);
        }
        return dataBytes;
    }

    /** Reads captured audio from {@code dataOffset} (a byte of audio, not of the file); -1 once the session ended. */
    @Override
    public int read(ByteBuffer into, long dataOffset) throws IOException {
        try {
            return channel.read(into, headerLength + dataOffset);
        } catch (java.nio.channels.ClosedChannelException ended) {
            return -1;
        }
    }

    @Override
    public void stopListening(LiveListener listener) {
        listeners.remove(listener);
    }

    /** Takes no more audio; answers how many bytes of audio the file holds. */
    synchronized long close() {
        closed = true;
        return dataBytes;
    }

    boolean isClosed() {
        return closed;
    }

    void ended(RecordingState state) {
        synchronized (this) {
            endedAs = state;
        }
        for (LiveListener listener : listeners) {
            listener.ended(state);
        }
        listeners.clear();
    }
}
