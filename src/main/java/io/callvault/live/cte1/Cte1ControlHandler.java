package io.callvault.live.cte1;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.callvault.catalog.CallDetails;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;

import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;


/**
 * CT-e1's control API ({@code /general/v1/audio_streaming/call/ws}): {@code callStart} creates or updates the call
 * named by sessionId, {@code callEnd} completes it (its disconnect time, now when not given). Each is answered
 * {@code complete} once committed, or {@code error} with a description.
 */
class Cte1ControlHandler extends TextWebSocketHandler {

    private final Catalog catalog;
    private final Cte1Wire wire;
    private final Clock clock;

    Cte1ControlHandler(Catalog catalog, Cte1Wire wire, Clock clock) {
        this.catalog = catalog;
        this.wire = wire;
        this.clock = clock;
    }

    @Override
    protected void handleTextMessage(WebSocketSession connection, TextMessage message) {
        Optional<Cte1Message> read = wire.read(connection, message);
        if (read.isEmpty()) {
            return;
        }
        Cte1Message request = read.get();
        String type = request.type();
        try {
            switch (type) {
                case "callStart" -> update(connection, request, request.details(
                        first(request.instant("connectTime"), request.instant("call_answered_at")), null));
                case "callEnd" -> update(connection, request, new CallDetails(null, null, null, null, null, null,
                        null, null, null, first(request.instant("disconnectTime"), clock.instant())));
                default -> throw new Cte1Refusal("unknown message type '" + type
                        + "': the control API takes callStart and callEnd");
            }
            wire.complete(connection, type);
        } catch (Cte1Refusal e) {
            wire.error(connection, type, e.getMessage());
        } catch (ApiException e) {
            wire.error(connection, type, e.getMessage());
        }
    }

    private void update(WebSocketSession connection, Cte1Message request, CallDetails details) throws Cte1Refusal {
        catalog.upsertCall(TenantId.of(request.tenant(connection)), CallId.of(request.callId()), details);
    }

    private static Instant first(Instant a, Instant b) {
        return a != null ? a : b;
    }
}
