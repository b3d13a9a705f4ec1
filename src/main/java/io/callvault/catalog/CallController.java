package io.callvault.catalog;

import java.util.List;

import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Native API: call upsert, a call with its recordings, the keyset-paginated call search, recording metadata. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}")
class CallController {

    private static final int MAX_FIELD = 256;

    private final Catalog catalog;

    CallController(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every field optional; a field left out (or null) keeps its stored value. */
    record CallRequest(String direction, String ani, String dnis, String agentId, String agentName, String skillName,
            String groupId, String groupName, String connectTime, String disconnectTime) {

        CallDetails details() {
            for (String field : new String[] {ani, dnis, agentId, agentName, skillName, groupId, groupName}) {
                if (field != null && field.length() > MAX_FIELD) {
                    throw ApiException.badRequest("call fields are at most " + MAX_FIELD + " characters");
                }
            }
            return new CallDetails(direction == null ? null : Direction.parse(direction), ani, dnis, agentId, agentName,
                    skillName, groupId, groupName, Instants.parse("connectTime", connectTime),
                    Instants.parse("disconnectTime", disconnectTime));
        }
    }

    record CallPageView(List<CallView> calls, String nextCursor) {
    }

    @PutMapping("/calls/{callId}")
    ResponseEntity<CallView> upsert(ClientPrincipal principal, @PathVariable String tenantId, @PathVariable String callId,
            @RequestBody(required = false) CallRequest request) {
        principal.requireTenant(tenantId, Scope.INGEST);
        CallDetails details = request == null ? CallDetails.none() : request.details();
        boolean created = catalog.upsertCall(tenantId, callId, details);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(CallView.of(catalog.call(tenantId, callId)));
    }

    @GetMapping("/calls/{callId}")
    CallView call(ClientPrincipal principal, @PathVariable String tenantId, @PathVariable String callId) {
        principal.requireTenant(tenantId, Scope.READ);
        return CallView.of(catalog.call(tenantId, callId));
    }

    @GetMapping("/calls")
    CallPageView search(ClientPrincipal principal, @PathVariable String tenantId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String ani, @RequestParam(required = false) String dnis,
            @RequestParam(required = false) String agentId, @RequestParam(required = false) String direction,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        principal.requireTenant(tenantId, Scope.READ);
        CallQuery query = new CallQuery(tenantId, Instants.parse("from", from), Instants.parse("to", to), ani, dnis,
                agentId, direction == null ? null : Direction.parse(direction), limit,
                cursor == null ? null : CallCursor.decode(cursor));
        Catalog.CallPage page = catalog.search(query);
        return new CallPageView(page.calls().stream().map(CallView::of).toList(), page.nextCursor());
    }

    @GetMapping("/recordings/{recordingId}")
    RecordingView recording(ClientPrincipal principal, @PathVariable String tenantId, @PathVariable String recordingId) {
        principal.requireTenant(tenantId, Scope.READ);
        return RecordingView.of(catalog.recording(tenantId, recordingId));
    }

    @GetMapping("/recordings/{recordingId}/transcript")
    TranscriptView transcript(ClientPrincipal principal, @PathVariable String tenantId, @PathVariable String recordingId) {
        principal.requireTenant(tenantId, Scope.READ);
        Recording recording = catalog.recording(tenantId, recordingId);
        return catalog.transcriptOf(tenantId, recording.callId(), recording.recordId())
                .map(segment -> TranscriptView.of(recording, segment))
                .orElseThrow(() -> ApiException.notFound("recording '" + recordingId + "' has no transcript"));
    }
}
