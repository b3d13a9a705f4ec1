package io.callvault.live.audiohook;

import java.time.Clock;

import io.callvault.live.LiveCapture;
import io.callvault.live.LiveHandshake;
import io.callvault.tenancy.AudioHookSecrets;
import io.callvault.tenancy.Authenticator;
import io.callvault.web.ErrorModels;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/live/audiohook}: the client key in {@code X-API-KEY}, as AudioHook sends it. */
@Configuration(proxyBeanMethods = false)
class AudioHookWebSockets implements WebSocketConfigurer {

    static final String PATH = "/v1/live/audiohook";

    private final LiveCapture capture;
    private final Authenticator authenticator;
    private final AudioHookSecrets secrets;
    private final ErrorModels errors;
    private final JsonMapper json;
    private final Clock clock;

    AudioHookWebSockets(LiveCapture capture, Authenticator authenticator, AudioHookSecrets secrets, ErrorModels errors,
            JsonMapper json, Clock clock) {
        this.capture = capture;
        this.authenticator = authenticator;
        this.secrets = secrets;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new AudioHookHandler(capture, json), PATH)
                .addInterceptors(LiveHandshake.ingest(authenticator, errors, request -> request.getHeader("X-API-KEY")),
                        new AudioHookHandshake(secrets, new AudioHookSignature(), errors, clock))
                .setAllowedOriginPatterns("*");
    }
}
