package io.callvault.live.listen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveListener;
import io.callvault.live.LiveAudioSource;
import io.callvault.live.LiveSockets;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.json.JsonMapper;

/**
 * One listener of a live session. The capture thread only copies each frame into this listener's queue; a thread
 * of the listen pool sends it. When more than {@link #BACKLOG_SECONDS} of audio waits unsent, the listener is
 * dropped: closed with 1013 (try again later) and forgotten by the session.
 */
final class LiveListen implements LiveListener {

    static final int BACKLOG_SECONDS = 5;
    private static final Object END = new Object();

    private final WebSocketSession socket;
    private final LiveAudioSource session;
    private final JsonMapper json;
    private final Executor senders;
    private final Runnable onDrop;
    private final long backlogLimit;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile RecordingState endState;
    private volatile boolean dropped;

    LiveListen(WebSocketSession socket, LiveAudioSource session, JsonMapper json, Executor senders, Runnable onDrop) {
        this.socket = socket;
        this.session = session;
        this.json = json;
        this.senders = senders;
        this.onDrop = onDrop;
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
                replay(captured);
            }
            while (true) {
                Object next = queue.take();
                if (next == END) {
                    break;
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

    /** What was captured before the listener joined, read from the session's file. */
    private void replay(long captured) throws IOException {
        int chunk = (int) Math.min(32 * 1024, Math.max(session.format().frameBytes(), captured));
        long at = 0;
        while (at < captured && !dropped) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, captured - at));
            int read = session.read(buffer, at);
            if (read <= 0) {
                return;
            }
            buffer.flip();
            socket.sendMessage(new BinaryMessage(buffer));
            at += read;
        }
    }
}
