package io.callvault.live.twilio;

import java.io.IOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import io.callvault.catalog.CallDetails;
import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveAudioException;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveFormat;
import io.callvault.live.LiveHandshake;
import io.callvault.live.LiveRefusedException;
import io.callvault.live.LiveSession;
import io.callvault.live.LiveSockets;
import io.callvault.live.LiveStart;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio Media Streams, as Twilio sends them ({@code connected}, {@code start}, {@code media}, {@code dtmf},
 * {@code mark}, {@code stop}; every message with its {@code sequenceNumber}, a string counting from 1). Twilio
 * expects nothing back on a unidirectional stream, so bad input closes the connection: not JSON 1007, an unknown
 * event 1003, media before start or a second start 1008, a sequence number out of order 1002, a chunk that is not
 * base64 or over 64 KiB 1007 or 1009. A stream refused at start (a leg already recorded) closes with 1008.
 */
class TwilioStreamHandler extends TextWebSocketHandler {

    private static final String STREAM = "twilio.stream";

    private final LiveCapture capture;
    private final JsonMapper json;

    TwilioStreamHandler(LiveCapture capture, JsonMapper json) {
        this.capture = capture;
        this.json = json;
    }

    /** One connection's stream. */
    private static final class Stream {
        final WebSocketSession socket;
        long sequence;
        LiveSession session;
        TrackAligner aligner;
        String[] tracks;

        Stream(WebSocketSession socket) {
            this.socket = socket;
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession connection) {
        connection.getAttributes().put(STREAM, new Stream(LiveSockets.concurrent(connection)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession connection, TextMessage message) {
        Stream stream = (Stream) connection.getAttributes().get(STREAM);
        if (message.getPayloadLength() > 2 * LiveSession.MAX_FRAME) {
            LiveSockets.close(stream.socket, new CloseStatus(1009, "a message is over the limit"));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            LiveSockets.close(stream.socket, CloseStatus.BAD_DATA.withReason("not a JSON message"));
            return;
        }
        String event = text(body, "event");
        if (stream.session != null) {
            stream.session.heard();
        }
        if (!"connected".equals(event) && !inSequence(stream, body)) {
            return;
        }
        try {
            switch (event == null ? "" : event) {
                case "connected", "dtmf", "mark" -> {
                    // nothing to store: Twilio's handshake, a key pressed, a marker of played audio
                }
                case "start" -> start(connection, stream, body);
                case "media" -> media(stream, body.path("media"));
                case "stop" -> {
                    if (stream.session != null) {
                        stream.aligner.flush();
                        capture.finish(stream.session, RecordingState.Success);
                        stream.session = null;
                    }
                    LiveSockets.close(stream.socket, CloseStatus.NORMAL);
                }
                default -> LiveSockets.close(stream.socket, CloseStatus.NOT_ACCEPTABLE.withReason(
                        "unknown event '" + event + "'"));
            }
        } catch (LiveAudioException e) {
            LiveSockets.close(stream.socket, new CloseStatus(e.closeCode(), e.getMessage()));
        } catch (IOException e) {
            LiveSockets.close(stream.socket, CloseStatus.SERVER_ERROR.withReason("the audio could not be stored"));
        }
    }

    /** sequenceNumber counts every message after {@code connected} from 1, without gaps. */
    private static boolean inSequence(Stream stream, JsonNode body) {
        String sequence = text(body, "sequenceNumber");
        long number;
        try {
            number = sequence == null ? -1 : Long.parseLong(sequence);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number != stream.sequence + 1) {
            LiveSockets.close(stream.socket, CloseStatus.PROTOCOL_ERROR.withReason("sequenceNumber " + sequence
                    + " out of order (expected " + (stream.sequence + 1) + ")"));
            return false;
        }
        stream.sequence = number;
        return true;
    }

    private void start(WebSocketSession connection, Stream stream, JsonNode body) throws IOException {
        if (stream.session != null) {
            LiveSockets.close(stream.socket, CloseStatus.POLICY_VIOLATION.withReason("a second start"));
            return;
        }
        JsonNode start = body.path("start");
        String callSid = text(start, "callSid");
        String streamSid = text(start, "streamSid") != null ? text(start, "streamSid") : text(body, "streamSid");
        JsonNode format = start.path("mediaFormat");
        Set<String> tracks = new HashSet<>();
        start.path("tracks").forEach(track -> tracks.add(track.asString()));
        if (callSid == null || streamSid == null || tracks.isEmpty()
                || !tracks.stream().allMatch(t -> t.equals("inbound") || t.equals("outbound"))
                || !"audio/x-mulaw".equals(text(format, "encoding")) || format.path("sampleRate").asInt() != 8000
                || format.path("channels").asInt(1) != 1) {
            LiveSockets.close(stream.socket, CloseStatus.POLICY_VIOLATION.withReason("start needs callSid, streamSid,"
                    + " tracks inbound/outbound and mediaFormat audio/x-mulaw 8000 Hz mono"));
            return;
        }
        stream.tracks = tracks.size() == 2 ? new String[] {"inbound", "outbound"} : tracks.toArray(String[]::new);
        JsonNode custom = start.path("customParameters");
        CallDetails details = new CallDetails(null, first(custom, "from", "From", "ani"), first(custom, "to", "To", "dnis"),
                first(custom, "agentId"), first(custom, "agentName"), null, null, null, null, null);
        String tenant = (String) connection.getAttributes().get(LiveHandshake.TENANT);
        LiveFormat live = stream.tracks.length == 2 ? LiveFormat.PCMU_STEREO : LiveFormat.PCMU_MONO;
        try {
            stream.session = capture.open(new LiveStart(tenant, callSid, streamSid, details, live, null, "twilio"));
        } catch (LiveRefusedException e) {
            LiveSockets.close(stream.socket, CloseStatus.POLICY_VIOLATION.withReason(e.getMessage()));
            return;
        }
        stream.aligner = new TrackAligner(stream.session, stream.tracks.length);
        WebSocketSession socket = stream.socket;
        stream.session.onCutOff(reason -> LiveSockets.close(socket, CloseStatus.GOING_AWAY.withReason(reason)));
    }

    private static void media(Stream stream, JsonNode media) throws IOException {
        if (stream.session == null) {
            LiveSockets.close(stream.socket, CloseStatus.POLICY_VIOLATION.withReason("media before start"));
            return;
        }
        int track = java.util.Arrays.asList(stream.tracks).indexOf(text(media, "track"));
        long timestamp;
        byte[] samples;
        try {
            timestamp = Long.parseLong(text(media, "timestamp"));
            samples = Base64.getDecoder().decode(text(media, "payload"));
        } catch (RuntimeException e) {
            throw new LiveAudioException("media needs a track of the stream, a timestamp and a base64 payload");
        }
        if (track < 0 || timestamp < 0) {
            throw new LiveAudioException("media needs a track of the stream, a timestamp and a base64 payload");
        }
        if (samples.length > LiveSession.MAX_FRAME) {
            LiveSockets.close(stream.socket, new CloseStatus(1009, "a media chunk is over 64 KiB"));
            return;
        }
        stream.aligner.add(track, timestamp, samples);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession connection, CloseStatus status) {
        Stream stream = (Stream) connection.getAttributes().get(STREAM);
        if (stream != null && stream.session != null) {
            try {
                stream.aligner.flush();
            } catch (IOException e) {
                // what was written stays; the session ends as it is
            }
            capture.finish(stream.session, RecordingState.Interrupted);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }

    private static String first(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null && !value.isBlank()) {
                return value.length() > 256 ? value.substring(0, 256) : value;
            }
        }
        return null;
    }
}
