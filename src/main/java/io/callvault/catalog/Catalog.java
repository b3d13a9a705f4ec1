package io.callvault.catalog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.callvault.cluster.Invalidations;
import io.callvault.cluster.SharedCache;
import io.callvault.web.ApiException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Finding and changing calls and recordings of one tenant. Every lookup names the tenant, so an id of another
 * tenant's call or recording is simply not found.
 */
@Service
public class Catalog {

    public static final int MAX_PAGE = 1000;

    private final CallRepository calls;
    private final RecordingRepository recordings;
    private final TranscriptRepository transcripts;
    private final Clock clock;
    /**
     * By id, as changes are announced (ids are UUIDs, unique across tenants; a read checks the tenant): a recording
     * row changes only when it is deleted, repaired or moved to another store.
     */
    private final SharedCache<String, Recording> recordingCache;

    public Catalog(CallRepository calls, RecordingRepository recordings, TranscriptRepository transcripts, Clock clock,
            Invalidations invalidations, @Value("${callvault.cache.ttl:60s}") Duration cacheTtl) {
        this.calls = calls;
        this.recordings = recordings;
        this.transcripts = transcripts;
        this.clock = clock;
        // a row is about 1 KB of heap: 10,000 of them stay small beside a 128 MiB heap
        this.recordingCache = new SharedCache<>(invalidations, cacheTtl, 10_000);
        recordingCache.forgetKeyOn(Invalidations.Topic.RECORDING, id -> id);
    }

    public record CallWithRecordings(Call call, List<Recording> recordings) {
    }

    public record CallPage(List<CallWithRecordings> calls, String nextCursor) {
    }

    /** Creates or updates the call; true when it was created. */
    public boolean upsertCall(String tenantId, String callId, CallDetails details) {
        CallId.require(callId);
        if (details.connectTime() != null && details.disconnectTime() != null
                && details.disconnectTime().isBefore(details.connectTime())) {
            throw ApiException.badRequest("disconnectTime is before connectTime");
        }
        return calls.upsert(tenantId, callId, details, clock.instant());
    }

    public Optional<Call> findCall(String tenantId, String callId) {
        return CallId.isValid(callId) ? calls.find(tenantId, callId) : Optional.empty();
    }

    public CallWithRecordings call(String tenantId, String callId) {
        Call call = findCall(tenantId, callId).orElseThrow(() -> ApiException.notFound("call '" + callId + "' not found"));
        return new CallWithRecordings(call, recordings.findByCall(tenantId, callId));
    }

    /** The call's segments in recordId order (empty for an unknown call). */
    public List<Recording> recordingsOf(String tenantId, String callId) {
        return CallId.isValid(callId) ? recordings.findByCall(tenantId, callId) : List.of();
    }

    public Optional<Recording> findRecording(String tenantId, String recordingId) {
        if (recordingId == null || recordingId.length() > 64) {
            return Optional.empty();
        }
        return recordingCache.get(recordingId, id -> recordings.find(tenantId, id))
                .filter(recording -> recording.tenantId().equals(tenantId));
    }

    public Recording recording(String tenantId, String recordingId) {
        return findRecording(tenantId, recordingId)
                .orElseThrow(() -> ApiException.notFound("recording '" + recordingId + "' not found"));
    }

    public Optional<Recording> segment(String tenantId, String callId, int recordId) {
        return recordings.findSegment(tenantId, callId, recordId);
    }

    public CallPage search(CallQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        List<Call> rows = calls.search(query);
        boolean more = rows.size() > query.limit();
        List<Call> page = more ? rows.subList(0, query.limit()) : rows;
        Map<String, List<Recording>> byCall = recordings.findByCalls(query.tenantId(),
                page.stream().map(Call::callId).toList()).stream()
                .collect(Collectors.groupingBy(Recording::callId, LinkedHashMap::new, Collectors.toList()));
        List<CallWithRecordings> result = page.stream()
                .map(call -> new CallWithRecordings(call, byCall.getOrDefault(call.callId(), List.of())))
                .toList();
        String next = more ? new CallCursor(page.get(page.size() - 1).sortTime(), page.get(page.size() - 1).callId()).encode() : null;
        return new CallPage(result, next);
    }

    /** Stores the transcripts of the listed segments (replacing earlier ones); the call must exist. */
    public void storeTranscript(Transcript transcript) {
        transcripts.replace(transcript, clock.instant());
    }

    public Optional<Transcript> transcript(String tenantId, String callId) {
        return CallId.isValid(callId) ? transcripts.find(tenantId, callId) : Optional.empty();
    }

    public Optional<Transcript.Segment> transcriptOf(String tenantId, String callId, int recordId) {
        return CallId.isValid(callId) ? transcripts.findSegment(tenantId, callId, recordId) : Optional.empty();
    }

    public Instant now() {
        return clock.instant();
    }
}
