package io.callvault.live;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** Sending on a live connection from any thread (the handler's, or the capture's timers), never throwing. */
public final class LiveSockets {

    private static final Logger log = LoggerFactory.getLogger(LiveSockets.class);

    private LiveSockets() {
    }

    /** A session safe to send on from several threads; a peer that stops reading for 10 s is cut off. */
    public static WebSocketSession concurrent(WebSocketSession session) {
        return new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024);
    }

    public static void send(WebSocketSession session, String text) {
        try {
            if (session.isOpen()) {
                session.sendMessage(new TextMessage(text));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("live connection {}: send failed: {}", session.getId(), e.toString());
        }
    }

    public static void close(WebSocketSession session, CloseStatus status) {
        try {
            if (session.isOpen()) {
                session.close(status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("live connection {}: close failed: {}", session.getId(), e.toString());
        }
    }
}
