package io.callvault.live.cte1;

import java.time.Instant;

import io.callvault.catalog.CallDetails;
import io.callvault.dialect.comdesign.ComdesignCall;
import io.callvault.live.LiveHandshake;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.web.ApiException;
import io.callvault.web.Instants;

import org.springframework.web.socket.WebSocketSession;

import tools.jackson.databind.JsonNode;

/** Reading CT-e1's JSON messages: the call they name and what they say of it. A bad field is a described refusal. */
final class Cte1Message {

    private final JsonNode body;

    Cte1Message(JsonNode body) {
        this.body = body;
    }

    String type() {
        JsonNode type = body.get("type");
        return type != null && type.isString() ? type.asString() : "";
    }

    /** sessionId: a JSON integer or its decimal string; the call's id, as in the Comdesign dialect. */
    String callId() throws Cte1Refusal {
        JsonNode value = body.get("sessionId");
        String text = value == null || value.isNull() ? null : value.isIntegralNumber() ? value.asString()
                : value.isString() ? value.asString() : null;
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw new Cte1Refusal("sessionId is missing or not a decimal number");
        }
        return Long.toString(Long.parseLong(text));
    }

    /**
     * The tenant the message acts on: its {@code tenantId}, which the connection's client must be permitted on, else
     * the connection's tenant (chosen at the upgrade).
     */
    String tenant(WebSocketSession connection) throws Cte1Refusal {
        String tenant = text("tenantId");
        if (tenant == null) {
            return (String) connection.getAttributes().get(LiveHandshake.TENANT);
        }
        ClientPrincipal principal = (ClientPrincipal) connection.getAttributes().get(LiveHandshake.PRINCIPAL);
        if (!principal.permits(tenant)) {
            throw new Cte1Refusal("許可されていないテナントです (tenant " + tenant + " is not permitted to this client)");
        }
        return tenant;
    }

    String text(String field) throws Cte1Refusal {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw new Cte1Refusal(field + " is not a string");
        }
        String text = value.asString();
        if (text.length() > 256) {
            throw new Cte1Refusal(field + " is longer than 256 characters");
        }
        return text;
    }

    Integer integer(String field) throws Cte1Refusal {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Cte1Refusal(field + " is not an integer");
        }
        return value.asInt();
    }

    Instant instant(String field) throws Cte1Refusal {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return Instants.parse(field, text);
        } catch (ApiException e) {
            // the one parser of every surface (offsets, the years 1900 to 9999), answered in CT-e1's own model
            throw new Cte1Refusal(e.getMessage());
        }
    }

    /** What the message says of the call (null fields leave the stored ones as they are). */
    CallDetails details(Instant connectTime, Instant disconnectTime) throws Cte1Refusal {
        try {
            return new CallDetails(ComdesignCall.direction(integer("direction")), text("ani"), text("dnis"),
                    text("agentId"), text("agentName"), text("skillName"), text("groupId"), text("groupName"),
                    connectTime, disconnectTime);
        } catch (ApiException e) {
            throw new Cte1Refusal(e.getMessage());
        }
    }
}
