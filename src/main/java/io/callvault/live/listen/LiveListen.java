package io.callvault.live.listen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveListener;
import io.callvault.live.LiveAudioSource;
import io.callvault.live.LiveSockets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.json.JsonMapper;

/**
 * One listener of a live session. The capture thread only copies each frame into this listener's queue; a thread
 * of the listen pool sends it. When more than {@link #BACKLOG_SECONDS} of audio waits unsent, the listener is
 * dropped: closed with 1013 (try again later) and forgotten by the session. Audio the listener did not hear as it
 * came (before it joined, with {@code ?from=start}, or lost by a relay) is read from the source in its place in the
 * queue, at the pace the listener takes it, so that what it hears is the recording without a gap. While nothing is
 * sent (a call on hold sends no audio) the listener is pinged, so that neither this server's idle limit nor a proxy's
 * closes a listener that is waiting for the call to go on.
 */
final class LiveListen implements LiveListener {

    private static final Logger log = LoggerFactory.getLogger(LiveListen.class);
    static final int BACKLOG_SECONDS = 5;
    private static final Object END = new Object();
    /** The most audio read from the source at a time. */
    private static final int READ_CHUNK = 32 * 1024;

    private final WebSocketSession socket;
    private final LiveAudioSource session;
    private final JsonMapper json;
    private final Executor senders;
    private final Runnable onDrop;
    private final Duration keepAlive;
    private final long backlogLimit;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile RecordingState endState;
    private volatile boolean dropped;

    LiveListen(WebSocketSession socket, LiveAudioSource session, JsonMapper json, Executor senders, Runnable onDrop,
            Duration keepAlive) {
        this.socket = socket;
        this.session = session;
        this.json = json;
        this.senders = senders;
        this.onDrop = onDrop;
        this.keepAlive = keepAlive;
        this.backlogLimit = Math.max(64 * 1024, session.format().bytesPerSecond() * BACKLOG_SECONDS);
    }

    /** Starts sending: the header frame, the stored audio when {@code fromStart}, then what arrives. */
    void start(boolean fromStart) {
        long captured = session.listen(this);
        senders.execute(() -> send(fromStart, captured));
    }

    @Override
    public void audio(ByteBuffer audio) {
        if (dropped) {
            return;
        }
        if (queuedBytes.addAndGet(audio.remaining()) > backlogLimit) {
            drop();
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(audio.remaining());
        copy.put(audio).flip();
        queue.add(copy);
    }

    @Override
    public void missed(long fromOffset, long toOffset) {
        if (!dropped) {
            queue.add(new Missed(fromOffset, toOffset));
        }
    }

    /** A hold's silence: sent as silence, at the listener's pace, without counting as audio it has not taken. */
    @Override
    public void silence(long fromOffset, long toOffset, byte sample) {
        if (!dropped) {
            queue.add(new Silence(toOffset - fromOffset, sample));
        }
    }

    @Override
    public void ended(RecordingState state) {
        endState = state;
        queue.add(END);
    }

    void stop() {
        session.stopListening(this);
        dropped = true;
        queue.add(END);
    }

    private void drop() {
        dropped = true;
        session.stopListening(this);
        queue.clear();
        queue.add(END);
        onDrop.run();
        senders.execute(() -> LiveSockets.close(socket, new CloseStatus(1013, "the listener fell behind the call")));
    }

    private void send(boolean fromStart, long captured) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("recordingId", session.recordingId());
            header.put("codec", session.format().codec());
            header.put("sampleRate", session.format().sampleRate());
            header.put("channels", session.format().channels());
            header.put("position", fromStart ? 0 : session.format().durationMs(captured));
            socket.sendMessage(new TextMessage(json.writeValueAsString(header)));
            if (fromStart) {
                replay(0, captured);
            }
            while (true) {
                Object next = queue.poll(keepAlive.toNanos(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    socket.sendMessage(new PingMessage());
                    continue;
                }
                if (next == END) {
                    break;
                }
                if (next instanceof Missed missed) {
                    fill(missed);
                    continue;
                }
                if (next instanceof Silence silence) {
                    send(silence);
                    continue;
                }
                ByteBuffer audio = (ByteBuffer) next;
                queuedBytes.addAndGet(-audio.remaining());
                socket.sendMessage(new BinaryMessage(audio));
            }
            if (!dropped && endState != null) {
                socket.sendMessage(new TextMessage("{\"type\":\"end\",\"state\":\"" + endState + "\"}"));
                LiveSockets.close(socket, CloseStatus.NORMAL);
            }
        } catch (IOException | RuntimeException e) {
            stop();
            LiveSockets.close(socket, CloseStatus.GOING_AWAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What a relay lost, read in its place. When it cannot be read either (the capturing node does not answer), the
     * listener hears the jump rather than losing the call it is listening to.
     */
    private void fill(Missed missed) throws IOException {
        try {
            replay(missed.from(), missed.to());
        } catch (SourceUnreadable e) {
            log.info("live recording {}: {} bytes a relay lost could not be read, the listener hears a jump: {}",
                    session.recordingId(), missed.to() - missed.from(), e.getCause().toString());
        }
    }

    /** Audio from {@code from} to {@code to} that the listener did not hear as it came, read from the source. */
    private void replay(long from, long to) throws IOException {
        long at = from;
        while (at < to && !dropped) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(READ_CHUNK, to - at));
            int read;
            try {
                read = session.read(buffer, at);
            } catch (IOException e) {
                throw new SourceUnreadable(e);
            }
            if (read <= 0) {
                return;
            }
            buffer.flip();
            socket.sendMessage(new BinaryMessage(buffer));
            at += read;
        }
    }

    private void send(Silence silence) throws IOException {
        byte[] chunk = new byte[(int) Math.min(silence.length(), READ_CHUNK)];
        java.util.Arrays.fill(chunk, silence.sample());
        for (long left = silence.length(); left > 0 && !dropped; left -= chunk.length) {
            socket.sendMessage(new BinaryMessage(ByteBuffer.wrap(chunk, 0, (int) Math.min(left, chunk.length))));
        }
    }

    /** Audio the listener missed: read in its place in the queue. */
    private record Missed(long from, long to) {
    }

    /** Silence the call's platform left out: sent in its place in the queue. */
    private record Silence(long length, byte sample) {
    }

    /** The source could not be read, as opposed to the listener's socket failing. */
    private static final class SourceUnreadable extends IOException {

        SourceUnreadable(IOException cause) {
            super(cause);
        }
    }
}
