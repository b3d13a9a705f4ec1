package io.callvault.retention;

import java.io.IOException;
import java.util.List;

import io.callvault.audit.AccessLog;
import io.callvault.audit.AudioRead;
import io.callvault.catalog.CallId;
import io.callvault.cluster.Invalidations;
import io.callvault.storage.BlobStores;
import io.callvault.web.ApiException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes calls and recordings: rows first, in one transaction that holds the call's row locked against a
 * concurrent hold, then the audio (a crash in between leaves only unreferenced audio, which the orphan sweep
 * removes). Rows are really deleted, not tombstoned: the audit trail keeps who deleted what and why.
 */
@Service
public class Deletions {

    private static final Logger log = LoggerFactory.getLogger(Deletions.class);

    private final JdbcClient jdbc;
    private final Invalidations invalidations;
    private final TransactionTemplate tx;
    private final BlobStores stores;
    private final AccessLog audit;

    public Deletions(JdbcClient jdbc, TransactionTemplate tx, BlobStores stores, AccessLog audit, Invalidations invalidations) {
        this.jdbc = jdbc;
        this.invalidations = invalidations;
        this.tx = tx;
        this.stores = stores;
        this.audit = audit;
    }

    /** Who asks: the client (or {@code system:retention}), the surface, the address. */
    public record Actor(String clientId, String via, String remoteAddress) {
    }

    private record Blob(String store, String key) {
    }

    public void deleteCall(String tenantId, String callId, Actor actor, String reason) {
        if (!CallId.isValid(callId)) {
            throw ApiException.notFound("call '" + callId + "' not found");
        }
        List<Blob> blobs = tx.execute(status -> {
            lockUnheld(tenantId, callId);
            record Segment(String id, Blob blob) {
            }
            List<Segment> segments = jdbc.sql("select id, store, storage_key from recordings where tenant_id = ? and call_id = ?")
                    .params(tenantId, callId)
                    .query((rs, n) -> new Segment(rs.getString("id"), rs.getString("storage_key") == null ? null
                            : new Blob(rs.getString("store"), rs.getString("storage_key"))))
                    .list();
            segments.forEach(segment -> invalidations.publish(Invalidations.Topic.RECORDING, segment.id()));
            List<Blob> audio = segments.stream().map(Segment::blob).filter(java.util.Objects::nonNull).toList();
            deleteTranscripts(tenantId, callId, null);
            jdbc.sql("delete from recordings where tenant_id = ? and call_id = ?").params(tenantId, callId).update();
            jdbc.sql("delete from calls where tenant_id = ? and id = ?").params(tenantId, callId).update();
            return audio;
        });
        audit.recordChange(new AudioRead(actor.clientId(), tenantId, callId, null, "delete", actor.via(),
                actor.remoteAddress()), reason);
        deleteAudio(blobs);
        log.info("deleted call {} of tenant {} ({} recording(s)) for {}: {}", callId, tenantId, blobs.size(),
                actor.clientId(), reason);
    }

    public void deleteRecording(String tenantId, String recordingId, Actor actor, String reason) {
        record Target(String callId, int recordId, Blob blob) {
        }
        Target target = tx.execute(status -> {
            Target found = jdbc.sql("select call_id, record_id, store, storage_key from recordings where id = ? and tenant_id = ?")
                    .params(recordingId, tenantId)
                    .query((rs, n) -> new Target(rs.getString("call_id"), rs.getInt("record_id"),
                            rs.getString("storage_key") == null ? null : new Blob(rs.getString("store"), rs.getString("storage_key"))))
                    .optional()
                    .orElseThrow(() -> ApiException.notFound("recording '" + recordingId + "' not found"));
            lockUnheld(tenantId, found.callId());
            deleteTranscripts(tenantId, found.callId(), found.recordId());
            jdbc.sql("delete from recordings where id = ?").param(recordingId).update();
            invalidations.publish(Invalidations.Topic.RECORDING, recordingId);
            return found;
        });
        audit.recordChange(new AudioRead(actor.clientId(), tenantId, target.callId(), recordingId, "delete", actor.via(),
                actor.remoteAddress()), reason);
        deleteAudio(target.blob() == null ? List.of() : List.of(target.blob()));
    }

    /** Locks the call's row for the rest of the transaction; 404 when absent, 409 while it is under legal hold. */
    private void lockUnheld(String tenantId, String callId) {
        var hold = jdbc.sql("select hold_reason from calls where tenant_id = ? and id = ? for update").params(tenantId, callId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString("hold_reason"))).optional()
                .orElseThrow(() -> ApiException.notFound("call '" + callId + "' not found"));
        if (hold.isPresent()) {
            throw ApiException.conflict("call '" + callId + "' is under legal hold (" + hold.get() + "): nothing of it can be deleted");
        }
    }

    private void deleteTranscripts(String tenantId, String callId, Integer recordId) {
        String segment = recordId == null ? "" : " and record_id = " + recordId.intValue();
        jdbc.sql("delete from transcript_sentences where tenant_id = ? and call_id = ?" + segment).params(tenantId, callId).update();
        jdbc.sql("delete from transcript_records where tenant_id = ? and call_id = ?" + segment).params(tenantId, callId).update();
        if (recordId == null) {
            jdbc.sql("delete from transcripts where tenant_id = ? and call_id = ?").params(tenantId, callId).update();
        }
    }

    private void deleteAudio(List<Blob> blobs) {
        for (Blob blob : blobs) {
            try {
                stores.get(blob.store()).delete(blob.key());
            } catch (IOException | RuntimeException e) {
                log.warn("audio {} of a deleted recording stays until the orphan sweep: {}", blob.key(), e.toString());
            }
        }
    }
}
