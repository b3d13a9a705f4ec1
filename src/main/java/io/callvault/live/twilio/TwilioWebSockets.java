package io.callvault.live.twilio;

import io.callvault.live.LiveCapture;
import io.callvault.live.LiveHandshake;
import io.callvault.tenancy.Authenticator;
import io.callvault.web.ErrorModels;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1/live/twilio}: the client key in {@code ?key=} (Twilio sends no custom headers) or an
 * {@code Authorization: Bearer} header.
 */
@Configuration(proxyBeanMethods = false)
class TwilioWebSockets implements WebSocketConfigurer {

    static final String PATH = "/v1/live/twilio";

    private final LiveCapture capture;
    private final Authenticator authenticator;
    private final ErrorModels errors;
    private final JsonMapper json;

    TwilioWebSockets(LiveCapture capture, Authenticator authenticator, ErrorModels errors, JsonMapper json) {
        this.capture = capture;
        this.authenticator = authenticator;
        this.errors = errors;
        this.json = json;
    }

    private static String key(HttpServletRequest request) {
        String key = request.getParameter("key");
        return key != null ? key : LiveHandshake.authorization(request);
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new TwilioStreamHandler(capture, json), PATH)
                .addInterceptors(LiveHandshake.ingest(authenticator, errors, TwilioWebSockets::key))
                .setAllowedOriginPatterns("*");
    }
}
