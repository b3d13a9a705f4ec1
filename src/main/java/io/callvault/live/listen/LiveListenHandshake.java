package io.callvault.live.listen;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingState;
import io.callvault.live.LiveAudioSource;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveSession;
import io.callvault.tenancy.AuthenticationException;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.SessionPrincipals;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import io.callvault.web.CoreFailures;
import io.callvault.web.ErrorModels;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Who may listen, checked before the upgrade: a client key with scope {@code read} on the path's tenant (an
 * unknown or foreign tenant is 404, as everywhere), a playback URL's signature ({@code recording}, {@code
 * expires}, {@code client}, {@code sig}) for a recording of the call, or a person signed in to the web player (their
 * session cookie, from a page of this server only: a browser sends cookies with a WebSocket handshake from any
 * page, so the {@code Origin} must be this server's own). The call must have a recording in progress: 404 when it
 * has none. One captured by another node is heard through {@link LiveRelay} when the nodes share Redis; otherwise
 * it is a 409.
 */
final class LiveListenHandshake implements HandshakeInterceptor {

    static final String PRINCIPAL = "listen.principal";
    static final String SESSION = "listen.session";
    static final String VIA = "listen.via";

    private final Authenticator authenticator;
    private final SessionPrincipals people;
    private final ErrorModels errors;
    private final LiveCapture capture;
    private final Catalog catalog;
    private final LiveRelay relay;

    LiveListenHandshake(Authenticator authenticator, SessionPrincipals people, ErrorModels errors, LiveCapture capture,
            Catalog catalog, LiveRelay relay) {
        this.relay = relay;
        this.authenticator = authenticator;
        this.people = people;
        this.errors = errors;
        this.capture = capture;
        this.catalog = catalog;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws Exception {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        try {
            String[] path = servletRequest.getRequestURI().split("/");
            String tenant = path[3];
            String callId = path[5];
            String recording = servletRequest.getParameter("recording");
            String authorization = servletRequest.getHeader("Authorization");
            boolean signed = servletRequest.getParameter("sig") != null && authorization == null;
            ClientPrincipal principal;
            if (signed) {
                principal = authenticator.signedUrl(tenant, recording, servletRequest.getParameter("expires"),
                        servletRequest.getParameter("client"), servletRequest.getParameter("sig"));
            } else if (authorization == null || authorization.isBlank()) {
                principal = people.of(servletRequest, tenant).filter(person -> sameOrigin(servletRequest))
                        .orElseThrow(() -> new AuthenticationException(AuthenticationException.Reason.MISSING, "no client key"));
            } else {
                principal = authenticator.client(authorization, servletRequest.getRemoteAddr());
            }
            principal.requireTenant(tenant, Scope.READ);
            attributes.put(PRINCIPAL, principal);
            attributes.put(VIA, signed ? AccessEvent.Via.SIGNED_URL : AccessEvent.Via.NATIVE);
            attributes.put(SESSION, session(tenant, callId, recording));
            return true;
        } catch (ApiException e) {
            errors.write(servletRequest, ((ServletServerHttpResponse) response).getServletResponse(), e.failure());
            return false;
        } catch (InvalidParameterException e) { // a query string that is not UTF-8: 400, as on every surface
            errors.write(servletRequest, ((ServletServerHttpResponse) response).getServletResponse(),
                    CoreFailures.of(e, servletRequest).orElseThrow());
            return false;
        }
    }

    /** The handshake comes from a page this server served: its Origin names the host the request was sent to. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        if (origin == null || host == null) {
            return false;
        }
        try {
            java.net.URI uri = java.net.URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The newest recording of the call being captured, or the one named: here, or on another node through the
     * relay.
     */
    private LiveAudioSource session(String tenant, String callId, String recording) {
        List<LiveSession> live = capture.ofCall(tenant, callId).stream()
                .filter(session -> recording == null || session.recordingId().equals(recording)).toList();
        if (!live.isEmpty()) {
            return live.get(live.size() - 1);
        }
        Optional<Recording> elsewhere = catalog.recordingsOf(TenantId.of(tenant), CallId.of(callId)).stream()
                .filter(r -> r.state() == RecordingState.Recording && (recording == null || r.id().equals(recording)))
                .max(Comparator.comparingInt(Recording::recordId));
        if (elsewhere.isEmpty()) {
            throw ApiException.notFound("call '" + callId + "' has no recording in progress");
        }
        if (!relay.reachesOtherNodes()) {
            throw ApiException.conflict("call '" + callId + "' is being captured by another node of this deployment,"
                    + " and the nodes share no Redis to relay it (CALLVAULT_REDIS_URL)");
        }
        return relay.join(tenant, callId, elsewhere.get().id());
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to undo
    }
}
