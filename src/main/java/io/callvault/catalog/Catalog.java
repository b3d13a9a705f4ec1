package io.callvault.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.callvault.cluster.CacheSettings;
import io.callvault.cluster.Invalidations;
import io.callvault.cluster.SharedCache;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;

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
     * By id, as changes are announced (ids are UUIDs, unique across tenants; a read checks the tenant): a stored
     * recording's row changes only when it is deleted, repaired or moved to another store. Live rows (state
     * {@code Recording}) grow every few seconds and are never kept.
     */
    private final SharedCache<String, Recording> recordingCache;
    private final Invalidations invalidations;

    public Catalog(CallRepository calls, RecordingRepository recordings, TranscriptRepository transcripts, Clock clock,
            Invalidations invalidations, CacheSettings caching) {
        this.calls = calls;
        this.recordings = recordings;
        this.transcripts = transcripts;
        this.clock = clock;
        this.invalidations = invalidations;
        // a row is about 1 KB of heap: 10,000 of them stay small beside a 128 MiB heap
        this.recordingCache = new SharedCache<>(invalidations, caching.ttl(), 10_000);
        recordingCache.forgetKeyOn(Invalidations.Topic.RECORDING, id -> id);
    }

    public record CallWithRecordings(Call call, List<Recording> recordings) {
    }

    public record CallPage(List<CallWithRecordings> calls, String nextCursor) {
    }

    /** Creates or updates the call; true when it was created. */
    public boolean upsertCall(TenantId tenantId, CallId callId, CallDetails details) {
        callId.require();
        if (details.connectTime() != null && details.disconnectTime() != null
                && details.disconnectTime().isBefore(details.connectTime())) {
            throw ApiException.badRequest("disconnectTime is before connectTime");
        }
        return calls.upsert(tenantId.value(), callId.value(), details, clock.instant());
    }

    public Optional<Call> findCall(TenantId tenantId, CallId callId) {
        return callId.isWellFormed() ? calls.find(tenantId.value(), callId.value()) : Optional.empty();
    }

    public CallWithRecordings call(TenantId tenantId, CallId callId) {
        Call call = findCall(tenantId, callId).orElseThrow(() -> ApiException.notFound("call '" + callId + "' not found"));
        return new CallWithRecordings(call, recordings.findByCall(tenantId.value(), callId.value()));
    }

    /** The call's segments in recordId order (empty for an unknown call). */
    public List<Recording> recordingsOf(TenantId tenantId, CallId callId) {
        return callId.isWellFormed() ? recordings.findByCall(tenantId.value(), callId.value()) : List.of();
    }

    public Optional<Recording> findRecording(TenantId tenantId, RecordingId recordingId) {
        if (!recordingId.isWellFormed()) {
            return Optional.empty();
        }
        return recordingCache.get(recordingId.value(), id -> recordings.find(tenantId.value(), id),
                        recording -> recording.state() != RecordingState.Recording)
                .filter(recording -> recording.tenantId().equals(tenantId.value()));
    }

    public Recording recording(TenantId tenantId, RecordingId recordingId) {
        return findRecording(tenantId, recordingId)
                .orElseThrow(() -> ApiException.notFound("recording '" + recordingId + "' not found"));
    }

    public Optional<Recording> segment(TenantId tenantId, CallId callId, int recordId) {
        return recordings.findSegment(tenantId.value(), callId.value(), recordId);
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

    public Optional<Transcript> transcript(TenantId tenantId, CallId callId) {
        return callId.isWellFormed() ? transcripts.find(tenantId.value(), callId.value()) : Optional.empty();
    }

    public Optional<Transcript.Segment> transcriptOf(TenantId tenantId, CallId callId, int recordId) {
        return callId.isWellFormed() ? transcripts.findSegment(tenantId.value(), callId.value(), recordId) : Optional.empty();
    }

    public Instant now() {
        return clock.instant();
    }

    // Changes other features make. Each one that changes a recording row publishes the change, so that every node
    // forgets the row when the surrounding transaction commits.

    /**
     * Within the caller's transaction: makes sure the call exists (a bare one when new) and adds the recording's
     * row. A concurrent upload of the same call or segment fails it with a DuplicateKeyException, for the caller to
     * tell a duplicate from a conflict.
     */
    public void addRecording(Recording recording) {
        calls.ensureInTransaction(recording.tenantId(), recording.callId(), clock.instant());
        recordings.insert(recording);
    }

    /** Adds the recording's row alone (its call exists): one statement, outside any transaction. */
    public void insertRecording(Recording recording) {
        recordings.insert(recording);
    }

    /** Within a transaction: locks the call against a concurrent hold; 404 when absent, 409 under legal hold. */
    public void lockUnheld(TenantId tenantId, CallId callId) {
        Optional<CallHold> hold = (callId.isWellFormed() ? calls.lockForChange(tenantId.value(), callId.value()) : Optional.<Optional<CallHold>>empty())
                .orElseThrow(() -> ApiException.notFound("call '" + callId + "' not found"));
        if (hold.isPresent()) {
            throw ApiException.conflict("call '" + callId + "' is under legal hold (" + hold.get().reason()
                    + "): nothing of it can be deleted");
        }
    }

    /** Within a transaction, after {@link #lockUnheld}: deletes the call's rows; answers where their audio lay. */
    public List<AudioLocation> deleteCall(TenantId tenantId, CallId callId) {
        List<Recording> segments = recordings.findByCall(tenantId.value(), callId.value());
        segments.forEach(r -> invalidations.publish(Invalidations.Topic.RECORDING, r.id()));
        transcripts.delete(tenantId.value(), callId.value(), null);
        recordings.deleteByCall(tenantId.value(), callId.value());
        calls.delete(tenantId.value(), callId.value());
        return segments.stream().filter(r -> r.storageKey() != null).map(Catalog::location).toList();
    }

    /** Within a transaction: deletes one recording's row and transcript (404 when absent, 409 under hold). */
    public Recording deleteRecording(TenantId tenantId, RecordingId recordingId) {
        Recording recording = recordings.find(tenantId.value(), recordingId.value())
                .orElseThrow(() -> ApiException.notFound("recording '" + recordingId + "' not found"));
        lockUnheld(tenantId, CallId.of(recording.callId()));
        transcripts.delete(tenantId.value(), recording.callId(), recording.recordId());
        recordings.delete(recordingId.value());
        invalidations.publish(Invalidations.Topic.RECORDING, recordingId.value());
        return recording;
    }

    public static AudioLocation location(Recording r) {
        return new AudioLocation(r.id(), r.tenantId(), r.callId(), r.store(), r.storageKey(), r.fileSize(), r.sha256());
    }

    public boolean hold(TenantId tenantId, CallHold hold) {
        return CallId.FORMAT.isValid(hold.callId()) && calls.hold(tenantId.value(), hold);
    }

    public Optional<CallHold> findHold(TenantId tenantId, CallId callId) {
        return callId.isWellFormed() ? calls.findHold(tenantId.value(), callId.value()) : Optional.empty();
    }

    public boolean release(TenantId tenantId, CallId callId) {
        return callId.isWellFormed() && calls.release(tenantId.value(), callId.value());
    }

    /** The oldest calls listed before the cutoff and not under hold: what the retention purge deletes next. */
    public List<CallId> expiredUnheld(TenantId tenantId, Instant cutoff, int limit) {
        return calls.expiredUnheld(tenantId.value(), cutoff, limit).stream().map(CallId::of).toList();
    }

    /** fsck's repair: the recording's audio is gone, so it becomes a Fail recording (its row and metadata stay). */
    public boolean markAudioMissing(RecordingId recordingId) {
        boolean marked = recordings.markFail(recordingId.value());
        invalidations.publish(Invalidations.Topic.RECORDING, recordingId.value());
        return marked;
    }

    /** A storage migration switched the recording's audio to another store; nodes forget the old location. */
    public boolean moveAudio(RecordingId recordingId, String from, String to) {
        boolean moved = recordings.moveStore(recordingId.value(), from, to);
        if (moved) {
            invalidations.publish(Invalidations.Topic.RECORDING, recordingId.value());
        }
        return moved;
    }

    public long countAudio(AudioQuery query) {
        return recordings.count(query);
    }

    public List<AudioLocation> audio(AudioQuery query, String afterId, int limit) {
        return recordings.page(query, afterId, limit);
    }

    // Live capture: a live session's row is inserted as Recording (insertRecording), grows, then is finished once.

    /** Whether the live leg is recorded or being recorded; a leg that was Interrupted may start again. */
    public boolean vendorRecordIdTaken(TenantId tenantId, CallId callId, String vendorRecordId) {
        return recordings.vendorRecordIdTaken(tenantId.value(), callId.value(), vendorRecordId);
    }

    public int nextRecordId(TenantId tenantId, CallId callId) {
        return recordings.nextRecordId(tenantId.value(), callId.value());
    }

    /** How far a live recording has grown (never cached, so nothing to announce). */
    public void growLive(RecordingId recordingId, long fileSize, long durationMs) {
        recordings.growLive(recordingId.value(), fileSize, durationMs);
    }

    /** A live recording's final row; false when it was no longer live (finished by another path first). */
    public boolean finishLive(Recording recording) {
        boolean finished = recordings.finishLive(recording);
        invalidations.publish(Invalidations.Topic.RECORDING, recording.id());
        return finished;
    }

    /** Which of these keys in the store some recording names: the orphan sweep keeps them. */
    public java.util.Set<String> referencedKeys(String store, java.util.Collection<String> keys) {
        return recordings.referencedKeys(store, keys);
    }
}
