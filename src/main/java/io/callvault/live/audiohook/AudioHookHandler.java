package io.callvault.live.audiohook;

import io.callvault.live.LiveCapture;
import io.callvault.live.LiveHandshake;
import io.callvault.live.LiveSockets;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import tools.jackson.databind.json.JsonMapper;

/** Hands each AudioHook connection's frames to its {@link AudioHookConnection}. */
class AudioHookHandler extends AbstractWebSocketHandler {

    private static final String CONNECTION = "audiohook.connection";

    private final LiveCapture capture;
    private final JsonMapper json;

    AudioHookHandler(LiveCapture capture, JsonMapper json) {
        this.capture = capture;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        socket.getAttributes().put(CONNECTION, new AudioHookConnection(LiveSockets.concurrent(socket),
                (String) socket.getAttributes().get(AudioHookHandshake.SESSION_ID),
                (String) socket.getAttributes().get(LiveHandshake.TENANT), capture, json));
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        connection(socket).text(message.getPayload());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
        connection(socket).binary(message.getPayload());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        AudioHookConnection connection = connection(socket);
        if (connection != null) {
            connection.ended();
        }
    }

    private static AudioHookConnection connection(WebSocketSession socket) {
        return (AudioHookConnection) socket.getAttributes().get(CONNECTION);
    }
}
