package io.callvault.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.callvault.audio.AudioInfo;
import io.callvault.audio.AudioProbe;
import io.callvault.audio.InvalidAudioException;
import io.callvault.audio.UnsupportedAudioException;
import io.callvault.catalog.CallDetails;
import io.callvault.catalog.CallId;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingState;
import io.callvault.server.CallVaultProperties;
import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;
import io.callvault.storage.StagingArea;
import io.callvault.storage.StorageKey;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one segment of a call. The order is what makes it crash-safe: staged file → measured → fsynced and
 * renamed into the store → row committed → answer. A crash before the commit leaves at most a staged file or
 * an unreferenced blob, never a row that points at missing or partial audio.
 */
@Service
public class RecordingIngest {

    private static final Logger log = LoggerFactory.getLogger(RecordingIngest.class);

    private final Catalog catalog;
    private final TransactionTemplate tx;
    private final StagingArea staging;
    private final BlobStores stores;
    private final AudioProbe probe;
    private final CallVaultProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public RecordingIngest(Catalog catalog, TransactionTemplate tx, StagingArea staging, BlobStores stores, AudioProbe probe,
            CallVaultProperties properties, Clock clock, MeterRegistry meters) {
        this.catalog = catalog;
        this.tx = tx;
        this.staging = staging;
        this.stores = stores;
        this.probe = probe;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** @param created false when the same bytes were already stored under this segment */
    public record Result(Recording recording, boolean created) {
    }

    public Result ingest(String tenantId, String callId, int recordId, SegmentDetails details, InputStream body,
            long declaredLength) throws IOException {
        CallId.FORMAT.require(callId);
        long max = properties.maxUpload().toBytes();
        if (declaredLength > max) {
            throw outcome(new PayloadTooLargeException(max), "too-large");
        }
        Path file = staging.newFile();
        try {
            StagedUpload upload;
            try {
                upload = StagedUpload.copy(body, file, max);
            } catch (PayloadTooLargeException e) {
                throw outcome(e, "too-large");
            }
            if (upload.size() == 0) {
                throw outcome(ApiException.badRequest("the body is empty: send the audio, or ?state=Fail for a segment the recorder failed to capture"),
                        "rejected");
            }
            AudioInfo audio = measure(file);
            // no lookup of the segment first: a new segment, by far the most common upload, needs none (a round trip
            // to the database per upload); a retry of a stored one is found when the commit meets its row
            UUID id = UUID.randomUUID();
            String key = StorageKey.of(id, audio.container().extension());
            BlobStore store = stores.active();
            try {
                store.store(file, key);
            } catch (IOException e) {
                // a retry of a segment stored already still gets its 200 while the store refuses writes
                Optional<Result> same = existing(tenantId, callId, recordId, upload.sha256());
                if (same.isPresent()) {
                    return same.get();
                }
                log.error("store {} refused recording {}: {}", store.name(), id, e.toString());
                throw outcome(new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        "the audio store could not take the upload; nothing was stored, try again"), "store-failed");
            }
            Recording recording = new Recording(id.toString(), tenantId, callId, recordId, RecordingState.Success,
                    details.deviceId(), details.startTime(), details.endTime(), store.name(), key, upload.size(),
                    upload.sha256(), audio, clock.instant(), null);
            Result result = commit(recording);
            if (result.created()) {
                Counter.builder("callvault.upload.bytes").description("Audio bytes stored by uploads").baseUnit("bytes")
                        .register(meters).increment(upload.size());
                log.debug("stored recording {} of call {} segment {} ({} bytes, {} ms {})", id, callId, recordId,
                        upload.size(), audio.durationMs(), audio.container().extension());
            }
            return result;
        } finally {
            StagingArea.deleteQuietly(file);
        }
    }

    /** Records a segment the recorder failed to capture: a row with no audio. */
    public Result ingestFailed(String tenantId, String callId, int recordId, SegmentDetails details) {
        CallId.FORMAT.require(callId);
        Recording recording = new Recording(UUID.randomUUID().toString(), tenantId, callId, recordId,
                RecordingState.Fail, details.deviceId(), details.startTime(), details.endTime(), stores.active().name(),
                null, 0, null, null, clock.instant(), null);
        return commit(recording);
    }

    private AudioInfo measure(Path file) throws IOException {
        try {
            return probe.probe(file);
        } catch (UnsupportedAudioException e) {
            throw outcome(new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage()), "rejected");
        } catch (InvalidAudioException e) {
            throw outcome(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()), "rejected");
        }
    }

    /** The stored segment when it holds exactly these bytes (sha256 null: a Fail segment); 409 when it holds others. */
    private Optional<Result> existing(String tenantId, String callId, int recordId, String sha256) {
        return catalog.segment(TenantId.of(tenantId), CallId.of(callId), recordId).map(stored -> {
            boolean same = sha256 == null
                    ? stored.state() == RecordingState.Fail
                    : stored.state() == RecordingState.Success && sha256.equals(stored.sha256());
            if (!same) {
                throw outcome(ApiException.conflict("segment " + recordId + " of call '" + callId
                        + "' is already stored with other content"), "conflict");
            }
            uploads("duplicate").increment();
            return new Result(stored, false);
        });
    }

    /**
     * The call and the recording rows in one transaction: one commit (one wait for the disk) per upload. When either
     * row is taken, the transaction is rolled back, and nothing changed: a segment stored already (a retry, or a
     * concurrent upload of it) is answered as {@link #existing} says, and its new blob deleted; a call made by a
     * concurrent upload a moment ago is met by writing the rows one statement at a time.
     */
    private Result commit(Recording recording) {
        try {
            tx.executeWithoutResult(status -> catalog.addRecording(recording));
            uploads("created").increment();
            return new Result(recording, true);
        } catch (DuplicateKeyException taken) {
            Optional<Result> same;
            try {
                same = existing(recording.tenantId(), recording.callId(), recording.recordId(), recording.sha256());
            } catch (RuntimeException conflictOrFailure) {
                deleteQuietly(recording);
                throw conflictOrFailure;
            }
            if (same.isPresent()) {
                deleteQuietly(recording);
                return same.get();
            }
            return commitOneByOne(recording);
        } catch (RuntimeException e) {
            deleteQuietly(recording);
            throw e;
        }
    }

    private Result commitOneByOne(Recording recording) {
        catalog.upsertCall(TenantId.of(recording.tenantId()), CallId.of(recording.callId()), CallDetails.none());
        try {
            catalog.insertRecording(recording);
        } catch (DuplicateKeyException raced) {
            // a concurrent upload of this segment committed first: ours is a duplicate or a conflict
            deleteQuietly(recording);
            return existing(recording.tenantId(), recording.callId(), recording.recordId(), recording.sha256())
                    .orElseThrow(() -> raced);
        } catch (RuntimeException e) {
            deleteQuietly(recording);
            throw e;
        }
        uploads("created").increment();
        return new Result(recording, true);
    }

    private void deleteQuietly(Recording recording) {
        if (recording.storageKey() == null) {
            return;
        }
        try {
            stores.get(recording.store()).delete(recording.storageKey());
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove unreferenced blob {}: {} (the orphan sweep will)", recording.storageKey(), e.toString());
        }
    }

    private <E extends RuntimeException> E outcome(E failure, String outcome) {
        uploads(outcome).increment();
        return failure;
    }

    private Counter uploads(String outcome) {
        return Counter.builder("callvault.uploads").description("Recording uploads, by outcome").tag("outcome", outcome)
                .register(meters);
    }
}
