package io.callvault.retention;

import io.callvault.audit.AccessEvent;
import io.callvault.catalog.CallHold;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Native API: legal hold on a call (scope hold), and deletion of calls and recordings (scope delete). */
@RestController
@RequestMapping("/v1/tenants/{tenantId}")
class RetentionController {

    private final Deletions deletions;
    private final LegalHolds holds;

    RetentionController(Deletions deletions, LegalHolds holds) {
        this.deletions = deletions;
        this.holds = holds;
    }

    record HoldRequest(String reason) {
    }

    @PutMapping("/calls/{callId}/hold")
    CallHold hold(@Permitted(Scope.HOLD) ClientPrincipal principal,
            @PathVariable String tenantId, @PathVariable String callId,
            @RequestBody(required = false) HoldRequest body, HttpServletRequest request) {
        return holds.hold(tenantId, callId, body == null ? null : body.reason(), actor(principal, request));
    }

    @GetMapping("/calls/{callId}/hold")
    CallHold holdOf(@Permitted(Scope.READ) ClientPrincipal principal,
            @PathVariable String tenantId, @PathVariable String callId) {
        return holds.find(tenantId, callId)
                .orElseThrow(() -> ApiException.notFound("call '" + callId + "' is not under legal hold"));
    }

    @DeleteMapping("/calls/{callId}/hold")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@Permitted(Scope.HOLD) ClientPrincipal principal,
            @PathVariable String tenantId, @PathVariable String callId,
            @RequestParam(required = false) String reason, HttpServletRequest request) {
        holds.release(tenantId, callId, reason, actor(principal, request));
    }

    @DeleteMapping("/calls/{callId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteCall(@Permitted(Scope.DELETE) ClientPrincipal principal,
            @PathVariable String tenantId, @PathVariable String callId,
            @RequestParam(required = false) String reason, HttpServletRequest request) {
        deletions.deleteCall(tenantId, callId, actor(principal, request), reason(reason));
    }

    @DeleteMapping("/recordings/{recordingId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRecording(@Permitted(Scope.DELETE) ClientPrincipal principal,
            @PathVariable String tenantId, @PathVariable String recordingId,
            @RequestParam(required = false) String reason, HttpServletRequest request) {
        deletions.deleteRecording(tenantId, recordingId, actor(principal, request), reason(reason));
    }

    private static Deletions.Actor actor(ClientPrincipal principal, HttpServletRequest request) {
        return new Deletions.Actor(principal.clientId(), AccessEvent.Via.NATIVE, request.getRemoteAddr());
    }

    private static String reason(String reason) {
        if (reason != null && reason.length() > 1000) {
            throw ApiException.badRequest("reason is at most 1000 characters");
        }
        return reason == null ? "deleted through the API" : reason;
    }
}
