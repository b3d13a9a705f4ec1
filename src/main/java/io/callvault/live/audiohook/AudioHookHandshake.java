package io.callvault.live.audiohook;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.callvault.live.LiveHandshake;
import io.callvault.tenancy.AudioHookSecrets;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.web.ErrorModels;
import io.callvault.web.Failure;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * After the client key is checked: the AudioHook headers (a UUID session id), and, when the client has an
 * AudioHook client secret, a valid signature of the upgrade request; otherwise 401.
 */
final class AudioHookHandshake implements HandshakeInterceptor {

    static final String SESSION_ID = "audiohook.session-id";
    static final String ORGANIZATION_ID = "audiohook.organization-id";

    private final AudioHookSecrets secrets;
    private final AudioHookSignature signature;
    private final ErrorModels errors;
    private final Clock clock;

    AudioHookHandshake(AudioHookSecrets secrets, AudioHookSignature signature, ErrorModels errors, Clock clock) {
        this.secrets = secrets;
        this.signature = signature;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws Exception {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        var servletResponse = ((ServletServerHttpResponse) response).getServletResponse();
        String sessionId = servletRequest.getHeader("Audiohook-Session-Id");
        try {
            UUID.fromString(sessionId == null ? "" : sessionId);
        } catch (IllegalArgumentException e) {
            errors.write(servletRequest, servletResponse, Failure.of(400, "Audiohook-Session-Id must be a UUID"));
            return false;
        }
        ClientPrincipal principal = (ClientPrincipal) attributes.get(LiveHandshake.PRINCIPAL);
        Optional<byte[]> secret = secrets.of(principal.clientId());
        if (secret.isPresent()) {
            Optional<String> refused = signature.verify(servletRequest, servletRequest.getHeader("X-API-KEY"),
                    secret.get(), clock.instant());
            if (refused.isPresent()) {
                errors.write(servletRequest, servletResponse, Failure.of(401, refused.get()));
                return false;
            }
        }
        attributes.put(SESSION_ID, sessionId.toLowerCase(java.util.Locale.ROOT));
        attributes.put(ORGANIZATION_ID, servletRequest.getHeader("Audiohook-Organization-Id"));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }
}
