package io.callvault.live.cte1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveAudioException;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveFormat;
import io.callvault.live.LiveRefusedException;
import io.callvault.live.LiveSession;
import io.callvault.live.LiveSockets;
import io.callvault.live.LiveStart;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;


/**
 * CT-e1's audio API ({@code /general/v1/audio_streaming/audio/ws}): {@code startRecord} opens a live session of the
 * call (answered {@code complete} once its row is committed), binary frames are its audio, {@code disconnect} ends it
 * as {@code Success} and closes with 1000. A connection lost without {@code disconnect} ends it {@code Interrupted}.
 * CT-e1 has no timestamps: a gap in the stream longer than a second becomes silence.
 *
 * <p>Bad input: a refused or unknown message is answered {@code {"type","status":"error","description"}}; text
 * that is not JSON closes with 1007, audio before {@code startRecord} with 1008, a frame over 64 KiB with 1009.
 */
class Cte1AudioHandler extends AbstractWebSocketHandler {

    private static final String SESSION = "cte1.session";
    private static final String SOCKET = "cte1.socket";

    private final LiveCapture capture;
    private final Cte1Wire wire;
    private final LiveFormat defaultFormat;

    Cte1AudioHandler(LiveCapture capture, Cte1Wire wire, LiveFormat defaultFormat) {
        this.capture = capture;
        this.wire = wire;
        this.defaultFormat = defaultFormat;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession connection) {
        connection.getAttributes().put(SOCKET, LiveSockets.concurrent(connection));
    }

    @Override
    protected void handleTextMessage(WebSocketSession connection, TextMessage message) {
        WebSocketSession socket = socket(connection);
        Optional<Cte1Message> read = wire.read(socket, message);
        if (read.isEmpty()) {
            return;
        }
        Cte1Message request = read.get();
        LiveSession session = session(connection);
        if (session != null) {
            session.heard();
        }
        switch (request.type()) {
            case "startRecord" -> start(connection, socket, request);
            case "disconnect" -> {
                if (session != null) {
                    capture.finish(session, RecordingState.Success);
                }
                LiveSockets.close(socket, CloseStatus.NORMAL);
            }
            default -> wire.error(socket, request.type(), "unknown message type '" + request.type()
                    + "': the audio API takes startRecord, binary audio and disconnect");
        }
    }

    private void start(WebSocketSession connection, WebSocketSession socket, Cte1Message request) {
        if (session(connection) != null) {
            wire.error(socket, "startRecord", "this connection is already recording; one startRecord per connection");
            return;
        }
        try {
            String tenant = request.tenant(connection);
            String recordId = request.text("recordId");
            if (recordId == null || recordId.isBlank()) {
                throw new Cte1Refusal("recordId is missing");
            }
            Instant answered = request.instant("call_answered_at");
            LiveStart start = new LiveStart(tenant, request.callId(), recordId, request.details(answered, null),
                    format(request), request.text("extension"), "cte1");
            LiveSession session = capture.open(start);
            connection.getAttributes().put(SESSION, session);
            session.onCutOff(reason -> LiveSockets.close(socket, CloseStatus.GOING_AWAY.withReason(reason)));
            wire.complete(socket, "startRecord");
        } catch (Cte1Refusal | LiveRefusedException e) {
            wire.error(socket, "startRecord", e.getMessage());
        } catch (IOException e) {
            wire.error(socket, "startRecord", "the recording could not be started: " + e.getMessage());
        }
    }

    /** The audio format startRecord names (codec, sampleRate, channels), else the server's default. */
    private LiveFormat format(Cte1Message request) throws Cte1Refusal {
        String codec = request.text("codec");
        Integer rate = request.integer("sampleRate");
        Integer channels = request.integer("channels");
        if (codec == null && rate == null && channels == null) {
            return defaultFormat;
        }
        return LiveFormat.of(codec == null ? defaultFormat.codec() : codec,
                rate == null ? defaultFormat.sampleRate() : rate, channels == null ? defaultFormat.channels() : channels)
                .orElseThrow(() -> new Cte1Refusal("codec must be L16, PCMU or PCMA, sampleRate 8000-48000 and"
                        + " channels 1 or 2"));
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession connection, BinaryMessage message) {
        WebSocketSession socket = socket(connection);
        LiveSession session = session(connection);
        if (session == null) {
            LiveSockets.close(socket, CloseStatus.POLICY_VIOLATION.withReason("audio before startRecord"));
            return;
        }
        ByteBuffer audio = message.getPayload();
        if (audio.remaining() > LiveSession.MAX_FRAME) {
            LiveSockets.close(socket, new CloseStatus(1009, "an audio frame is over 64 KiB"));
            return;
        }
        try {
            session.catchUpWithClock(audio.remaining() * 1000L / session.format().bytesPerSecond());
            session.write(audio);
        } catch (LiveAudioException e) {
            LiveSockets.close(socket, new CloseStatus(e.closeCode(), e.getMessage()));
        } catch (IOException e) {
            LiveSockets.close(socket, CloseStatus.SERVER_ERROR.withReason("the audio could not be stored"));
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession connection, CloseStatus status) {
        LiveSession session = session(connection);
        if (session != null) {
            capture.finish(session, RecordingState.Interrupted);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }

    private static LiveSession session(WebSocketSession connection) {
        return (LiveSession) connection.getAttributes().get(SESSION);
    }

    private static WebSocketSession socket(WebSocketSession connection) {
        return (WebSocketSession) connection.getAttributes().get(SOCKET);
    }
}
