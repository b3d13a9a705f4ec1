package io.callvault.dialect.comdesign;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.callvault.catalog.Call;
import io.callvault.catalog.Direction;

/** How the dialect writes a call: integer directions and UTC instants with milliseconds. */
final class ComdesignCall {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ComdesignCall() {
    }

    /** Contract 4: Inbound 0, Outbound/PreOccupied/PreDictive 1, Internal 2, Offhook 3. */
    static Integer direction(Direction direction) {
        if (direction == null) {
            return null;
        }
        return switch (direction) {
            case Inbound -> 0;
            case Outbound, PreOccupied, PreDictive -> 1;
            case Internal -> 2;
            case Offhook -> 3;
        };
    }

    static Direction direction(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 0 -> Direction.Inbound;
            case 1 -> Direction.Outbound;
            case 2 -> Direction.Internal;
            case 3 -> Direction.Offhook;
            default -> throw ComdesignRequest.invalid("direction " + code + " is not 0, 1, 2 or 3");
        };
    }

    static String instant(Instant instant) {
        return instant == null ? null : INSTANT.format(instant);
    }

    /**
     * A call's status in history: {@code complete} once it ended (what the metadata of a finished call says),
     * else the last status the platform reported, {@code connected} or {@code ringing}.
     */
    static String status(Call call) {
        if (call.complete()) {
            return "complete";
        }
        return call.connectTime() != null ? "connected" : "ringing";
    }

    /** The metadata fields, in the vendor's order; {@code recordId} only when one record is meant. */
    static Map<String, Object> metadata(Call call, Integer recordId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "complete");
        m.put("tenantId", call.tenantId());
        m.put("sessionId", Long.parseLong(call.callId()));
        if (recordId != null) {
            m.put("recordId", recordId);
        }
        m.put("direction", direction(call.direction()));
        m.put("ani", call.ani());
        m.put("dnis", call.dnis());
        m.put("agentId", call.agentId());
        m.put("agentName", call.agentName());
        m.put("skillName", call.skillName());
        m.put("groupId", call.groupId());
        m.put("groupName", call.groupName());
        m.put("connectTime", instant(call.connectTime()));
        m.put("disconnectTime", instant(call.disconnectTime()));
        return m;
    }
}
