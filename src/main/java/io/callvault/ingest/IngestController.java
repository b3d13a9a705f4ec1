package io.callvault.ingest;

import java.io.IOException;

import io.callvault.web.Instants;
import io.callvault.catalog.RecordingView;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;
import io.callvault.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Native API: {@code PUT …/calls/{callId}/recordings/{recordId}} with the raw audio as the body. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}/calls/{callId}/recordings")
class IngestController {

    private final RecordingIngest ingest;

    IngestController(RecordingIngest ingest) {
        this.ingest = ingest;
    }

    @PutMapping("/{recordId}")
    ResponseEntity<RecordingView> upload(@Permitted(Scope.INGEST) ClientPrincipal principal,
            @PathVariable String tenantId,
            @PathVariable String callId, @PathVariable String recordId,
            @RequestParam(required = false) String deviceId, @RequestParam(required = false) String startTime,
            @RequestParam(required = false) String endTime, @RequestParam(required = false) String state,
            HttpServletRequest request) throws IOException {
        int segment = parseRecordId(recordId);
        if (deviceId != null && deviceId.length() > 256) {
            throw ApiException.badRequest("deviceId is at most 256 characters");
        }
        SegmentDetails details = new SegmentDetails(deviceId, Instants.parse("startTime", startTime),
                Instants.parse("endTime", endTime));
        RecordingIngest.Result result;
        if ("Fail".equals(state)) {
            if (request.getContentLengthLong() > 0 || request.getInputStream().read() != -1) {
                throw ApiException.badRequest("a segment with state=Fail has no audio: send an empty body");
            }
            result = ingest.ingestFailed(tenantId, callId, segment, details);
        } else if (state == null || "Success".equals(state)) {
            result = ingest.ingest(tenantId, callId, segment, details, request.getInputStream(),
                    request.getContentLengthLong());
        } else {
            throw ApiException.badRequest("state must be Fail (or Success, the default)");
        }
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(RecordingView.of(result.recording()));
    }

    private static int parseRecordId(String recordId) {
        try {
            int value = Integer.parseInt(recordId);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("recordId must be an integer of at least 1, not '"
                + (recordId.length() > 32 ? recordId.substring(0, 32) + "…" : recordId) + "'");
    }
}
