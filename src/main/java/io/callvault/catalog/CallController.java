package io.callvault.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import io.callvault.web.Instants;

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
    ResponseEntity<Object> upsert(@Permitted(Scope.INGEST) ClientPrincipal principal,
            @PathVariable TenantId tenantId, @PathVariable CallId callId,
            @RequestBody(required = false) CallRequest request) {
        CallDetails details = request == null ? CallDetails.none() : request.details();
        boolean created = catalog.upsertCall(tenantId, callId, details);
        // a recorder that may not read gets a receipt, not what other clients stored on the call
        Object answer = principal.scopes().contains(Scope.READ) ? CallView.of(catalog.call(tenantId, callId))
                : new CallReceipt(tenantId.value(), callId.value(), created);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    /** What a client without the read scope learns from its upsert. */
    record CallReceipt(String tenantId, String callId, boolean created) {
    }

    @GetMapping("/calls/{callId}")
    CallView call(@Permitted(Scope.READ) ClientPrincipal principal,
            @PathVariable TenantId tenantId, @PathVariable CallId callId) {
        return CallView.of(catalog.call(tenantId, callId));
    }

    /** The filters the call search takes; any other query parameter is a mistake the client should hear of. */
    private static final Set<String> SEARCH_PARAMETERS = Set.of("from", "to", "ani", "dnis", "agentId", "agentName",
            "skill", "direction", "state", "transcript", "order", "limit", "cursor");

    @GetMapping("/calls")
    CallPageView search(@Permitted(Scope.READ) ClientPrincipal principal, @PathVariable String tenantId,
            @RequestParam Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!SEARCH_PARAMETERS.contains(name)) {
                throw ApiException.badRequest("unknown filter '" + name + "': the call search takes "
                        + String.join(", ", new TreeSet<>(SEARCH_PARAMETERS)));
            }
        }
        String direction = parameters.get("direction");
        String cursor = parameters.get("cursor");
        CallQuery query = new CallQuery(tenantId, Instants.parse("from", parameters.get("from")),
                Instants.parse("to", parameters.get("to")), phoneDigits("ani", parameters.get("ani")),
                phoneDigits("dnis", parameters.get("dnis")), parameters.get("agentId"), parameters.get("agentName"),
                parameters.get("skill"), direction == null ? null : Direction.parse(direction),
                recordingState(parameters.get("state")), transcribed(parameters.get("transcript")), false,
                oldestFirst(parameters.get("order")), limit(parameters.get("limit")), cursor == null ? null : CallCursor.decode(cursor));
        Catalog.CallPage page = catalog.search(query);
        return new CallPageView(page.calls().stream().map(CallView::of).toList(), page.nextCursor());
    }

    private static RecordingState recordingState(String value) {
        if (value == null) {
            return null;
        }
        for (RecordingState state : RecordingState.values()) {
            if (state.name().equals(value)) {
                return state;
            }
        }
        throw ApiException.badRequest("state must be Success, Fail, Recording or Interrupted");
    }

    /** {@code order=newest} (the default) or {@code order=oldest}, by the call's time. */
    private static boolean oldestFirst(String value) {
        if (value == null || value.equals("newest")) {
            return false;
        }
        if (!value.equals("oldest")) {
            throw ApiException.badRequest("order must be newest or oldest");
        }
        return true;
    }

    private static Boolean transcribed(String value) {
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiException.badRequest("transcript must be true or false");
        }
        return Boolean.valueOf(value);
    }

    private static String phoneDigits(String name, String typed) {
        if (typed == null) {
            return null;
        }
        String digits = PhoneNumber.digits(typed);
        if (digits.isEmpty()) {
            throw ApiException.badRequest(name + " '" + typed + "' has no digits: a phone number or its beginning is expected");
        }
        return digits;
    }

    private static int limit(String value) {
        if (value == null) {
            return 50;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be an integer between 1 and " + Catalog.MAX_PAGE);
        }
    }

    @GetMapping("/recordings/{recordingId}")
    RecordingView recording(@Permitted(Scope.READ) ClientPrincipal principal,
            @PathVariable TenantId tenantId, @PathVariable RecordingId recordingId) {
        return RecordingView.of(catalog.recording(tenantId, recordingId));
    }

    @GetMapping("/recordings/{recordingId}/transcript")
    TranscriptView transcript(@Permitted(Scope.READ) ClientPrincipal principal,
            @PathVariable TenantId tenantId, @PathVariable RecordingId recordingId) {
        Recording recording = catalog.recording(tenantId, recordingId);
        return catalog.transcriptOf(tenantId, CallId.of(recording.callId()), recording.recordId())
                .map(segment -> TranscriptView.of(recording, segment))
                .orElseThrow(() -> ApiException.notFound("recording '" + recordingId + "' has no transcript"));
    }
}
