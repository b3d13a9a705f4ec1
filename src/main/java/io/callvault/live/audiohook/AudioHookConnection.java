package io.callvault.live.audiohook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.callvault.catalog.CallDetails;
import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveAudioException;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveFormat;
import io.callvault.live.LiveRefusedException;
import io.callvault.live.LiveSession;
import io.callvault.live.LiveSockets;
import io.callvault.live.LiveStart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One AudioHook connection, the server side of the protocol as Genesys's reference server runs it: every client
 * message is checked (version 2, the session's id, seq one past the last, serverseq not past ours, position not
 * past the audio received, parameters of its type) and a bad one is answered {@code disconnect} with reason
 * {@code error}; the client then closes. Audio is taken only while the session is active.
 */
final class AudioHookConnection {

    private static final Logger log = LoggerFactory.getLogger(AudioHookConnection.class);
    private static final Pattern UUID = Pattern.compile(
            "^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"
                    + "|00000000-0000-0000-0000-000000000000)$");
    private static final String NULL_UUID = "00000000-0000-0000-0000-000000000000";
    private static final Set<String> CLIENT_TYPES = Set.of("open", "close", "discarded", "error", "paused", "ping",
            "resumed", "update");
    /** A frame of 20 ms, plus a millisecond: how far the client's position may run ahead of what arrived. */
    private static final long POSITION_TOLERANCE_MS = 21;

    enum State { PREPARING, ACTIVE, PAUSED, CLOSED, SIGNALED_ERROR }

    private final WebSocketSession socket;
    private final String sessionId;
    private final String tenantId;
    private final LiveCapture capture;
    private final JsonMapper json;
    private State state = State.PREPARING;
    private long serverSeq;
    private long clientSeq;
    private boolean probe;
    private LiveFormat format;
    private LiveSession session;
    /** Audio the client sent, and silence the protocol accounted for (paused, discarded), in milliseconds. */
    private long timelineMs;

    AudioHookConnection(WebSocketSession socket, String sessionId, String tenantId, LiveCapture capture, JsonMapper json) {
        this.socket = socket;
        this.sessionId = sessionId;
        this.tenantId = tenantId;
        this.capture = capture;
        this.json = json;
    }

    synchronized void text(String payload) {
        if (state == State.CLOSED) {
            return;
        }
        if (session != null) {
            session.heard();
        }
        if (payload.length() > 65535) {
            clientError("Text message too large (>64K). Length: " + payload.length());
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(payload);
        } catch (RuntimeException e) {
            clientError("Text message not valid JSON");
            return;
        }
        if (!wellFormed(message)) {
            clientError("Message not a well-formed client message");
            return;
        }
        long seq = message.get("seq").asLong();
        if (seq != clientSeq + 1) {
            clientError("Invalid seq value (not monotonically increasing)");
            return;
        }
        clientSeq = seq;
        if (message.get("serverseq").asLong() > serverSeq) {
            clientError("Invalid serverseq value");
            return;
        }
        if (!message.get("id").asString().equalsIgnoreCase(sessionId)) {
            clientError("Session identifier mismatch");
            return;
        }
        String type = message.get("type").asString();
        JsonNode parameters = message.get("parameters");
        if (!CLIENT_TYPES.contains(type)) {
            clientError("Invalid Message: '" + type + "' is not a supported client message");
            return;
        }
        if (!validParameters(type, parameters)) {
            clientError("Invalid Message: Invalid/missing parameters");
            return;
        }
        // the position is the stream's: it may already count the gap a discarded or resumed message announces,
        // and runs on while paused (checked only while active; after an error the client's close is taken as is)
        long announced = type.equals("discarded") || type.equals("resumed")
                ? AudioHookDuration.millis(parameters.get("discarded").asString()) : 0;
        if (state == State.ACTIVE && AudioHookDuration.millis(message.get("position").asString())
                > timelineMs + announced + POSITION_TOLERANCE_MS) {
            clientError("Invalid position value (ahead of the audio received)");
            return;
        }
        try {
            switch (type) {
                case "open" -> open(parameters);
                case "ping" -> send("pong", Map.of());
                case "paused" -> {
                    if (state == State.ACTIVE) {
                        state = State.PAUSED;
                    }
                }
                case "resumed" -> {
                    if (state == State.PAUSED) {
                        state = State.ACTIVE;
                        silence(AudioHookDuration.millis(parameters.get("discarded").asString()));
                    }
                }
                case "discarded" -> silence(AudioHookDuration.millis(parameters.get("discarded").asString()));
                case "close" -> close(parameters.get("reason").asString());
                case "error" -> log.debug("audiohook session {}: the client reports {}", sessionId, parameters);
                default -> {
                    // update: the language changed; nothing is stored of it
                }
            }
        } catch (LiveAudioException e) {
            clientError(e.getMessage());
        } catch (IOException e) {
            serverError("the audio could not be stored");
        }
    }

    synchronized void binary(ByteBuffer audio) {
        if (session != null) {
            session.heard();
        }
        if (state != State.ACTIVE) {
            clientError("Received audio in state " + state);
            return;
        }
        if (format == null) {
            clientError("Unexpected binary message: No media selected");
            return;
        }
        if (audio.remaining() > LiveSession.MAX_FRAME) {
            clientError("Binary message too large (>64K). Length: " + audio.remaining());
            return;
        }
        if (audio.remaining() % format.frameBytes() != 0) {
            clientError("Binary data not a valid audio frame. Error: Audio data size must be multiple of bytes per"
                    + " sample (" + format.frameBytes() + ")");
            return;
        }
        timelineMs += audio.remaining() * 1000L / format.bytesPerSecond();
        if (probe) {
            return;
        }
        try {
            session.write(audio);
        } catch (LiveAudioException e) {
            clientError(e.getMessage());
        } catch (IOException e) {
            serverError("the audio could not be stored");
        }
    }

    private void open(JsonNode parameters) throws IOException {
        if (state != State.PREPARING) {
            log.debug("audiohook session {}: open ignored in state {}", sessionId, state);
            return;
        }
        JsonNode chosen = choose(parameters.get("media"));
        String conversationId = parameters.get("conversationId").asString();
        probe = NULL_UUID.equals(conversationId);
        if (chosen == null && !probe) {
            clientError("none of the offered media is supported: PCMU or L16 at 8000 Hz");
            return;
        }
        if (chosen != null) {
            format = LiveFormat.of(chosen.get("format").asString(), 8000, chosen.get("channels").size()).orElseThrow();
        }
        if (!probe) {
            JsonNode participant = parameters.get("participant");
            CallDetails details = new CallDetails(null, participant.get("ani").asString(),
                    participant.get("dnis").asString(), null, null, null, null, null, null, null);
            try {
                session = capture.open(new LiveStart(tenantId, conversationId.toLowerCase(java.util.Locale.ROOT),
                        sessionId, details, format, null, "audiohook"));
            } catch (LiveRefusedException e) {
                clientError(e.getMessage());
                return;
            }
            session.onCutOff(this::cutOff);
        }
        Map<String, Object> opened = new LinkedHashMap<>();
        opened.put("media", chosen == null ? List.of() : List.of(chosen));
        opened.put("startPaused", false);
        send("opened", opened);
        state = State.ACTIVE;
    }

    /** Stereo PCMU with the customer (external) first, else stereo L16 so, else the first mono offer. */
    private static JsonNode choose(JsonNode offers) {
        JsonNode first = null;
        for (String format : new String[] {"PCMU", "L16"}) {
            for (JsonNode offer : offers) {
                JsonNode channels = offer.get("channels");
                if (!format.equals(offer.get("format").asString())) {
                    continue;
                }
                if (channels.size() == 2 && "external".equals(channels.get(0).asString())
                        && "internal".equals(channels.get(1).asString())) {
                    return offer;
                }
                if (channels.size() == 1 && first == null) {
                    first = offer;
                }
            }
        }
        return first;
    }

    private void silence(long millis) throws IOException {
        timelineMs += millis;
        if (session != null && millis > 0) {
            session.silence(millis);
        }
    }

    private void close(String reason) {
        if (session != null) {
            capture.finish(session, state == State.SIGNALED_ERROR || "error".equals(reason)
                    ? RecordingState.Interrupted : RecordingState.Success);
        }
        send("closed", Map.of());
        state = State.CLOSED;
    }

    /** The connection ended (closed by the client, dropped or timed out) before a close: what arrived stays. */
    synchronized void ended() {
        if (session != null) {
            capture.finish(session, RecordingState.Interrupted);
        }
        state = State.CLOSED;
    }

    /** The core ends the session: AudioHook hears why in a disconnect, then the connection closes (1001). */
    private synchronized void cutOff(String reason) {
        if (state != State.CLOSED) {
            send("disconnect", Map.of("reason", "error", "info", "Server error: " + reason));
        }
        LiveSockets.close(socket, CloseStatus.GOING_AWAY.withReason(reason));
    }

    private void clientError(String info) {
        signal("Client Error: " + info);
    }

    private void serverError(String info) {
        signal("Server error: " + info);
    }

    private void signal(String info) {
        if (state == State.CLOSED || state == State.SIGNALED_ERROR) {
            log.debug("audiohook session {}: error not signaled in state {}: {}", sessionId, state, info);
            return;
        }
        state = State.SIGNALED_ERROR;
        send("disconnect", Map.of("reason", "error", "info", info));
    }

    private void send(String type, Map<String, ?> parameters) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("version", "2");
        message.put("type", type);
        message.put("seq", ++serverSeq);
        message.put("clientseq", clientSeq);
        message.put("id", sessionId);
        message.put("parameters", parameters);
        LiveSockets.send(socket, json.writeValueAsString(message));
    }

    // The shape of client messages, as the protocol's validators define it.

    private static boolean wellFormed(JsonNode m) {
        return m.isObject() && "2".equals(text(m, "version")) && isUuid(m.get("id")) && m.get("type") != null
                && m.get("type").isString() && isSeq(m.get("seq")) && m.get("parameters") != null
                && m.get("parameters").isObject() && AudioHookDuration.isValid(text(m, "position"))
                && isSeq(m.get("serverseq"));
    }

    private static boolean validParameters(String type, JsonNode p) {
        return switch (type) {
            case "open" -> isUuid(p.get("organizationId")) && isUuid(p.get("conversationId"))
                    && isParticipant(p.get("participant")) && isMedia(p.get("media"));
            case "close" -> Set.of("end", "error", "disconnect", "reconnect").contains(text(p, "reason"));
            case "discarded", "resumed" -> AudioHookDuration.isValid(text(p, "start"))
                    && AudioHookDuration.isValid(text(p, "discarded"));
            case "error" -> p.get("code") != null && p.get("code").isIntegralNumber() && p.get("code").asInt() >= 400
                    && p.get("message") != null && p.get("message").isString();
            case "update" -> text(p, "language") != null && text(p, "language").matches("^[a-z]{2,3}-[A-Za-z]{2,3}$");
            case "ping" -> p.get("rtt") == null || AudioHookDuration.isValid(text(p, "rtt"));
            default -> true; // paused has no parameters
        };
    }

    private static boolean isParticipant(JsonNode p) {
        return p != null && p.isObject() && isUuid(p.get("id")) && p.get("ani") != null && p.get("ani").isString()
                && p.get("aniName") != null && p.get("aniName").isString() && p.get("dnis") != null
                && p.get("dnis").isString();
    }

    private static boolean isMedia(JsonNode media) {
        if (media == null || !media.isArray()) {
            return false;
        }
        for (JsonNode offer : media) {
            JsonNode channels = offer.get("channels");
            if (!offer.isObject() || !"audio".equals(text(offer, "type"))
                    || !Set.of("PCMU", "L16").contains(text(offer, "format"))
                    || offer.get("rate") == null || offer.get("rate").asInt() != 8000
                    || channels == null || !channels.isArray() || channels.size() < 1 || channels.size() > 2) {
                return false;
            }
            for (JsonNode channel : channels) {
                if (!Set.of("external", "internal").contains(channel.asString())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isUuid(JsonNode value) {
        return value != null && value.isString() && UUID.matcher(value.asString()).matches();
    }

    private static boolean isSeq(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.asLong() >= 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
