package io.callvault.retention;

import java.time.Clock;
import java.util.Optional;

import io.callvault.audit.AccessEvent;
import io.callvault.audit.AccessLog;
import io.callvault.catalog.CallHold;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;

import org.springframework.stereotype.Service;

/** Putting a call under legal hold and releasing it, each change recorded in the audit trail. */
@Service
public class LegalHolds {

    private final Catalog catalog;
    private final AccessLog audit;
    private final Clock clock;

    public LegalHolds(Catalog catalog, AccessLog audit, Clock clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    public CallHold hold(String tenantId, String callId, String reason, Deletions.Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw ApiException.badRequest("a legal hold needs a reason (at most 1000 characters)");
        }
        CallHold hold = new CallHold(callId, reason, clock.instant(), actor.clientId());
        if (!catalog.hold(TenantId.of(tenantId), hold)) {
            throw ApiException.notFound("call '" + callId + "' not found");
        }
        audit.recordChange(new AccessEvent(actor.clientId(), tenantId, callId, null, AccessEvent.Kind.HOLD, actor.via(), actor.remoteAddress()),
                reason);
        return hold;
    }

    public Optional<CallHold> find(String tenantId, String callId) {
        return catalog.findHold(TenantId.of(tenantId), CallId.of(callId));
    }

    public void release(String tenantId, String callId, String reason, Deletions.Actor actor) {
        if (!catalog.release(TenantId.of(tenantId), CallId.of(callId))) {
            throw ApiException.notFound("call '" + callId + "' is not under legal hold");
        }
        audit.recordChange(new AccessEvent(actor.clientId(), tenantId, callId, null, AccessEvent.Kind.RELEASE, actor.via(),
                actor.remoteAddress()), reason);
    }
}
