package io.callvault.live.listen;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callvault.audit.AccessEvent;
import io.callvault.audit.AccessLog;
import io.callvault.catalog.Catalog;
import io.callvault.live.LiveCapture;
import io.callvault.live.LiveAudioSource;
import io.callvault.live.LiveSockets;
import io.callvault.tenancy.Authenticator;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.SessionPrincipals;
import io.callvault.web.ErrorModels;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/tenants/{t}/calls/{callId}/live} (contract 6.4): one JSON frame describing the audio, then the
 * audio as it is captured ({@code ?from=start}: what was captured so far first), then {@code {"type":"end","state"}}
 * and close 1000 when the recording ends. Listeners send nothing; what they send is ignored.
 */
@Configuration(proxyBeanMethods = false)
class LiveListenWebSockets extends TextWebSocketHandler implements WebSocketConfigurer {

    private static final String LISTEN = "listen.listener";
    /** A listener hears at least a ping this often: within common proxies' idle limits (nginx's is 60 s). */
    private static final Duration MOST_QUIET = Duration.ofSeconds(25);

    private final LiveCapture capture;
    private final Catalog catalog;
    private final Authenticator authenticator;
    private final ErrorModels errors;
    private final AccessLog accessLog;
    private final JsonMapper json;
    /** One sending thread per listener (listeners are few: supervisors, not platforms). */
    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "live-listen");
        thread.setDaemon(true);
        return thread;
    });

    private final SessionPrincipals people;
    private final LiveRelay relay;

    LiveListenWebSockets(LiveCapture capture, Catalog catalog, Authenticator authenticator, ErrorModels errors,
            AccessLog accessLog, JsonMapper json, ObjectProvider<SessionPrincipals> people, LiveRelay relay) {
        this.relay = relay;
        this.people = people.getIfAvailable(() -> (request, tenantId) -> Optional.empty());
        this.capture = capture;
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.errors = errors;
        this.accessLog = accessLog;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(this, "/v1/tenants/*/calls/*/live")
                .addInterceptors(new LiveListenHandshake(authenticator, people, errors, capture, catalog, relay))
                .setAllowedOriginPatterns("*");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession connection) {
        WebSocketSession socket = LiveSockets.concurrent(connection);
        LiveAudioSource session = (LiveAudioSource) connection.getAttributes().get(LiveListenHandshake.SESSION);
        ClientPrincipal principal = (ClientPrincipal) connection.getAttributes().get(LiveListenHandshake.PRINCIPAL);
        accessLog.record(new AccessEvent(principal.clientId(), session.tenantId(), session.callId(),
                session.recordingId(), AccessEvent.Kind.LIVE,
                (AccessEvent.Via) connection.getAttributes().get(LiveListenHandshake.VIA),
                connection.getRemoteAddress() == null ? null : connection.getRemoteAddress().getAddress().getHostAddress()),
                null, null, 0);
        Duration idle = capture.idleTimeout().dividedBy(2);
        LiveListen listen = new LiveListen(socket, session, json, senders, capture::listenerDropped,
                idle.compareTo(MOST_QUIET) < 0 ? idle : MOST_QUIET);
        connection.getAttributes().put(LISTEN, listen);
        String from = connection.getUri() == null ? null : org.springframework.web.util.UriComponentsBuilder
                .fromUri(connection.getUri()).build().getQueryParams().getFirst("from");
        listen.start("start".equals(from));
    }

    @Override
    protected void handleTextMessage(WebSocketSession connection, TextMessage message) {
        // a listener has nothing to say
    }

    @Override
    public void afterConnectionClosed(WebSocketSession connection, CloseStatus status) {
        LiveListen listen = (LiveListen) connection.getAttributes().get(LISTEN);
        if (listen != null) {
            listen.stop();
        }
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }
}
