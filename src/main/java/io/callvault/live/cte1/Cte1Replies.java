package io.callvault.live.cte1;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callvault.live.LiveSockets;

import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.json.JsonMapper;

/** CT-e1's answers: {@code {"type":<the message's>,"status":"complete"}} or {@code "error"} with a description. */
final class Cte1Replies {

    private final JsonMapper json;

    Cte1Replies(JsonMapper json) {
        this.json = json;
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
