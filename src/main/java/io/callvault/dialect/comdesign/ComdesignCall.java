package io.callvault.dialect.comdesign;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.callvault.catalog.Call;
import io.callvault.catalog.Direction;

/** How the dialect writes a call: integer directions and UTC instants with milliseconds. */
public final class ComdesignCall {

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

    public static Direction direction(Integer code) {
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

}
