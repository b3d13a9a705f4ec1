package io.callvault.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.callvault.web.ApiException;

/** The keyset position of the last call on a page: its listing instant and id, opaque to clients. */
public record CallCursor(Instant sortTime, String callId) {

    public String encode() {
        String raw = sortTime.getEpochSecond() + "." + sortTime.getNano() + "|" + callId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static CallCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String[] instant = raw.substring(0, bar).split("\\.");
            String callId = raw.substring(bar + 1);
            if (!CallId.FORMAT.isValid(callId)) {
                throw new IllegalArgumentException("bad call id");
            }
            return new CallCursor(Instant.ofEpochSecond(Long.parseLong(instant[0]), Long.parseLong(instant[1])), callId);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor is not one this server returned");
        }
    }
}
