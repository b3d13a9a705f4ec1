package io.callvault.live.cte1;

import java.time.Clock;

import io.callvault.catalog.Catalog;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveFormat;
import io.callvault.live.LiveHandshake;
import io.callvault.tenancy.Authenticator;
import io.callvault.web.ErrorModels;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import tools.jackson.databind.json.JsonMapper;

/**
 * CT-e1's two endpoints, authenticated by the client key in {@code Authorization} (bare or Bearer). The audio
 * format when startRecord names none: {@code CALLVAULT_CTE1_AUDIO}, {@code codec[/sampleRate[/channels]]}
 * (default {@code L16/8000/1}).
 */
@Configuration(proxyBeanMethods = false)
class Cte1WebSockets implements WebSocketConfigurer {

    static final String AUDIO = "/general/v1/audio_streaming/audio/ws";
    static final String CONTROL = "/general/v1/audio_streaming/call/ws";

    private final LiveCapture capture;
    private final Catalog catalog;
    private final Authenticator authenticator;
    private final ErrorModels errors;
    private final JsonMapper json;
    private final Clock clock;
    private final LiveFormat defaultFormat;

    Cte1WebSockets(LiveCapture capture, Catalog catalog, Authenticator authenticator, ErrorModels errors,
            JsonMapper json, Clock clock, @Value("${callvault.cte1-audio:L16/8000/1}") String defaultAudio) {
        this.capture = capture;
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
        this.defaultFormat = parse(defaultAudio);
    }

    static LiveFormat parse(String setting) {
        String[] parts = setting.trim().split("/");
        try {
            return LiveFormat.of(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 8000,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 1).orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CALLVAULT_CTE1_AUDIO '" + setting
                    + "' is not codec[/sampleRate[/channels]] with codec L16, PCMU or PCMA, e.g. L16/8000/1");
        }
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        LiveHandshake handshake = LiveHandshake.ingest(authenticator, errors, LiveHandshake::authorization);
        registry.addHandler(new Cte1AudioHandler(capture, new Cte1Wire(json), defaultFormat), AUDIO)
                .addInterceptors(handshake).setAllowedOriginPatterns("*");
        registry.addHandler(new Cte1ControlHandler(catalog, new Cte1Wire(json), clock), CONTROL)
                .addInterceptors(handshake).setAllowedOriginPatterns("*");
    }
}
