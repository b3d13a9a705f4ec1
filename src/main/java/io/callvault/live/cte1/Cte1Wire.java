package io.callvault.live.cte1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callvault.live.LiveSockets;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * CT-e1's JSON on both of its sockets: a request read (text that is not JSON closes the socket with 1007), and the
 * answers {@code {"type":<the message's>,"status":"complete"}} or {@code "error"} with a description.
 */
final class Cte1Wire {

    private final JsonMapper json;

    Cte1Wire(JsonMapper json) {
        this.json = json;
    }

    /** The message, or empty when it was not JSON and the socket is closed for it. */
    Optional<Cte1Message> read(WebSocketSession socket, TextMessage message) {
        try {
            return Optional.of(new Cte1Message(json.readTree(message.getPayload())));
        } catch (JacksonException e) {
            LiveSockets.close(socket, CloseStatus.BAD_DATA.withReason("not a JSON message"));
            return Optional.empty();
        }
    }

    void complete(WebSocketSession session, String type) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("type", type);
        reply.put("status", "complete");
        LiveSockets.send(session, json.writeValueAsString(reply));
    }

    void error(WebSocketSession session, String type, String description) {
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("type", type);
        reply.put("status", "error");
        reply.put("description", description);
        LiveSockets.send(session, json.writeValueAsString(reply));
    }
}
