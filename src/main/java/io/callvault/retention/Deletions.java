package io.callvault.retention;

import java.io.IOException;
import java.util.List;

import io.callvault.audit.AccessEvent;
import io.callvault.audit.AccessLog;
import io.callvault.catalog.AudioLocation;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingId;
import io.callvault.storage.BlobStores;
import io.callvault.tenancy.TenantId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final Catalog catalog;
    private final TransactionTemplate tx;
    private final BlobStores stores;
    private final AccessLog audit;

    public Deletions(Catalog catalog, TransactionTemplate tx, BlobStores stores, AccessLog audit) {
        this.catalog = catalog;
        this.tx = tx;
        this.stores = stores;
        this.audit = audit;
    }

    /** Who asks: the client (or {@code system:retention}), the surface, the address. */
    public record Actor(String clientId, AccessEvent.Via via, String remoteAddress) {
    }

    public void deleteCall(String tenantId, String callId, Actor actor, String reason) {
        List<AudioLocation> audio = tx.execute(status -> {
            catalog.lockUnheld(TenantId.of(tenantId), CallId.of(callId));
            return catalog.deleteCall(TenantId.of(tenantId), CallId.of(callId));
        });
        audit.recordChange(new AccessEvent(actor.clientId(), tenantId, callId, null, AccessEvent.Kind.DELETE, actor.via(),
                actor.remoteAddress()), reason);
        deleteAudio(audio);
        log.info("deleted call {} of tenant {} ({} recording(s)) for {}: {}", callId, tenantId, audio.size(),
                actor.clientId(), reason);
    }

    public void deleteRecording(String tenantId, String recordingId, Actor actor, String reason) {
        Recording deleted = tx.execute(status -> catalog.deleteRecording(TenantId.of(tenantId), RecordingId.of(recordingId)));
        audit.recordChange(new AccessEvent(actor.clientId(), tenantId, deleted.callId(), recordingId, AccessEvent.Kind.DELETE, actor.via(),
                actor.remoteAddress()), reason);
        deleteAudio(deleted.storageKey() == null ? List.of() : List.of(Catalog.location(deleted)));
    }

    private void deleteAudio(List<AudioLocation> audio) {
        for (AudioLocation blob : audio) {
            try {
                stores.get(blob.store()).delete(blob.key());
            } catch (IOException | RuntimeException e) {
                log.warn("audio {} of a deleted recording stays until the orphan sweep: {}", blob.key(), e.toString());
            }
        }
    }
}
