package io.callvault.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.callvault.audit.AccessLog;
import io.callvault.audit.AudioRead;
import io.callvault.catalog.CallId;
import io.callvault.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Putting a call under legal hold and releasing it, each change recorded in the audit trail. */
@Service
public class LegalHolds {

    private final JdbcClient jdbc;
    private final AccessLog audit;
    private final Clock clock;

    public LegalHolds(JdbcClient jdbc, AccessLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public record Hold(String callId, String reason, Instant heldAt, String heldBy) {
    }

    public Hold hold(String tenantId, String callId, String reason, Deletions.Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw ApiException.badRequest("a legal hold needs a reason (at most 1000 characters)");
        }
        Instant now = clock.instant();
        int updated = CallId.isValid(callId) ? jdbc.sql("update calls set hold_reason = ?, held_at = ?, held_by = ?"
                + " where tenant_id = ? and id = ?").params(reason, now.atOffset(ZoneOffset.UTC), actor.clientId(), tenantId, callId)
                .update() : 0;
        if (updated == 0) {
            throw ApiException.notFound("call '" + callId + "' not found");
        }
        audit.recordChange(new AudioRead(actor.clientId(), tenantId, callId, null, "hold", actor.via(), actor.remoteAddress()),
                reason);
        return new Hold(callId, reason, now, actor.clientId());
    }

    public Optional<Hold> find(String tenantId, String callId) {
        if (!CallId.isValid(callId)) {
            return Optional.empty();
        }
        return jdbc.sql("select hold_reason, held_at, held_by from calls where tenant_id = ? and id = ? and hold_reason is not null")
                .params(tenantId, callId)
                .query((rs, n) -> new Hold(callId, rs.getString("hold_reason"),
                        rs.getObject("held_at", OffsetDateTime.class).toInstant(), rs.getString("held_by")))
                .optional();
    }

    public void release(String tenantId, String callId, String reason, Deletions.Actor actor) {
        int updated = CallId.isValid(callId) ? jdbc.sql("update calls set hold_reason = null, held_at = null, held_by = null"
                + " where tenant_id = ? and id = ? and hold_reason is not null").params(tenantId, callId).update() : 0;
        if (updated == 0) {
            throw ApiException.notFound("call '" + callId + "' is not under legal hold");
        }
        audit.recordChange(new AudioRead(actor.clientId(), tenantId, callId, null, "release", actor.via(),
                actor.remoteAddress()), reason);
    }
}
