package io.callvault.live.listen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveAudioSource;
import io.callvault.live.LiveFormat;
import io.callvault.live.LiveListener;

/**
 * A live recording another node captures, as its audio arrives here through {@link LiveRelay}: one per listener.
 * It hears from the capturing node's header on (where the audio that follows starts); audio that arrives before the
 * listener is added waits for it, audio it already has (published again for a listener who joined later) is skipped,
 * and audio that never arrived (published while Redis was away) is said to be missed, so that the listener reads it.
 * What came before the header is read from the capturing node on request ({@link Replay}).
 * Messages are handled on the Redis client's thread and only handed to the listener, which queues them.
 */
final class RelayedSession implements LiveAudioSource {

    /** Audio that may wait for the listener between the header and the upgrade: far more than those milliseconds. */
    private static final int MOST_WAITING = 1_000;

    private final String tenantId;
    private final String callId;
    private final String recordingId;
    private final Consumer<RelayedSession> onLeave;
    private final CountDownLatch header = new CountDownLatch(1);
    /** What the listener is to hear when it comes, in order. */
    private final List<Consumer<LiveListener>> waiting = new ArrayList<>();
    private final long joinedNanos = System.nanoTime();
    private volatile long lastHeardNanos = joinedNanos;
    private AutoCloseable subscription;
    private LiveFormat format;
    private long start;
    private long next;
    private LiveListener listener;
    private RecordingState endedAs;

    private final Replay replay;

    /** Reads what the capturing node captured before, a piece at a time (for {@code ?from=start}). */
    interface Replay {

        /** Up to {@code length} bytes of audio from {@code dataOffset}; none when there are none (any more). */
        byte[] read(String tenantId, String recordingId, long dataOffset, int length) throws IOException;
    }

    RelayedSession(String tenantId, String callId, String recordingId, Consumer<RelayedSession> onLeave,
            Replay replay) {
        this.tenantId = tenantId;
        this.callId = callId;
        this.recordingId = recordingId;
        this.onLeave = onLeave;
        this.replay = replay;
    }

    synchronized void subscription(AutoCloseable subscription) {
        this.subscription = subscription;
    }

    boolean awaitHeader(Duration wait) {
        try {
            return header.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One message of the recording's channel (see {@link LiveRelay}). */
    synchronized void received(byte[] message) {
        lastHeardNanos = System.nanoTime();
        ByteBuffer in = ByteBuffer.wrap(message);
        switch (in.get()) {
            case 'H' -> {
                long offset = in.getLong();
                int sampleRate = in.getInt();
                int channels = in.get();
                String codec = StandardCharsets.UTF_8.decode(in).toString();
                if (format == null) { // later headers are for listeners who joined since
                    LiveFormat.of(codec, sampleRate, channels).ifPresent(known -> {
                        format = known;
                        start = offset;
                        next = offset;
                        header.countDown();
                    });
                }
            }
            case 'A' -> {
                long offset = in.getLong();
                if (format != null) {
                    audio(offset, in.slice());
                }
            }
            case 'S' -> {
                long offset = in.getLong();
                long length = in.getLong();
                byte sample = in.get();
                if (format != null) {
                    silence(offset, offset + length, sample);
                }
            }
            case 'E' -> ended(RecordingState.valueOf(StandardCharsets.UTF_8.decode(in).toString()));
            case 'K' -> {
                // the capturing node is there: heard above
            }
            default -> {
                // not a message of this version's: ignored
            }
        }
    }

    private void audio(long offset, ByteBuffer audio) {
        long end = offset + audio.remaining();
        if (end <= next) {
            return; // heard already
        }
        if (offset < next) {
            audio.position(audio.position() + (int) (next - offset));
        } else {
            missedUntil(offset);
        }
        next = end;
        hear(listener -> listener.audio(audio));
    }

    private void silence(long offset, long end, byte sample) {
        if (end <= next) {
            return; // heard already
        }
        missedUntil(offset);
        long from = Math.max(offset, next);
        next = end;
        hear(listener -> listener.silence(from, end, sample));
    }

    /** What should have come before {@code offset} and never arrived. */
    private void missedUntil(long offset) {
        if (offset > next) {
            long missedFrom = next;
            hear(listener -> listener.missed(missedFrom, offset));
        }
    }

    private void hear(Consumer<LiveListener> event) {
        if (listener != null) {
            event.accept(listener);
        } else if (waiting.size() < MOST_WAITING) {
            waiting.add(event);
        }
    }

    synchronized void ended(RecordingState state) {
        if (endedAs != null) {
            return;
        }
        endedAs = state;
        if (listener != null) {
            listener.ended(state);
        }
        onLeave.accept(this);
    }

    synchronized void unsubscribe() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // the connection is gone already: nothing is subscribed
            }
            subscription = null;
        }
    }

    /**
     * Joined this long ago and still no listener: the WebSocket upgrade the handshake allowed never completed (the
     * client went away), so nobody will ever listen or leave.
     */
    synchronized boolean unclaimedFor(Duration wait) {
        return listener == null && endedAs == null && System.nanoTime() - joinedNanos > wait.toNanos();
    }

    /** Its silence so far says nothing of the capturing node (this node could not hear it): counted from now. */
    void heardOf() {
        lastHeardNanos = System.nanoTime();
    }

    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    @Override
    public String recordingId() {
        return recordingId;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public synchronized LiveFormat format() {
        return format;
    }

    /** The listener hears what waited for it, then what arrives; answers where that audio starts. */
    @Override
    public synchronized long listen(LiveListener listener) {
        this.listener = listener;
        waiting.forEach(event -> event.accept(listener));
        waiting.clear();
        if (endedAs != null) {
            listener.ended(endedAs);
        }
        return start;
    }

    @Override
    public synchronized void stopListening(LiveListener listener) {
        if (this.listener == listener) {
            this.listener = null;
            onLeave.accept(this);
        }
    }

    /** What was captured before the listener joined, or missed since, asked of the capturing node (on its disk). */
    @Override
    public int read(ByteBuffer into, long dataOffset) throws IOException {
        byte[] audio = replay.read(tenantId, recordingId, dataOffset, into.remaining());
        if (audio.length == 0) {
            return -1;
        }
        into.put(audio);
        return audio.length;
    }
}
