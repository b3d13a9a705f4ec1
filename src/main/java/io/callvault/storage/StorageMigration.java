package io.callvault.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.callvault.catalog.AudioLocation;
import io.callvault.catalog.AudioQuery;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.RecordingId;
import io.callvault.server.Sha256;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves recordings' audio from one store to another, one recording at a time: copy (through a local staging
 * file), verify the copy's size and SHA-256 against the catalog by reading it back from the target, switch the
 * row, and only then delete the source copy. Interrupted at any moment it leaves every recording readable; run
 * again, it carries on with the rows not yet switched.
 */
@Component
public class StorageMigration {

    private static final Logger log = LoggerFactory.getLogger(StorageMigration.class);
    private static final int BATCH = 100;

    private final BlobStores stores;
    private final StagingArea staging;
    private final Catalog catalog;

    public StorageMigration(BlobStores stores, StagingArea staging, Catalog catalog) {
        this.stores = stores;
        this.staging = staging;
        this.catalog = catalog;
    }

    /** @param moved recordings whose audio now lives in the target; failed ones stay where they were */
    public record Result(long total, long moved, long failed, boolean finished) {
    }

    /**
     * @param tenantId only this tenant's recordings, or all when null
     * @param limit    stop after this many recordings (what an interruption looks like), or {@code Long.MAX_VALUE}
     */
    public Result migrate(String target, String tenantId, long limit, Consumer<String> progress) throws IOException {
        BlobStore to = stores.get(target);
        AudioQuery query = new AudioQuery(tenantId, false, target);
        long total = catalog.countAudio(query);
        progress.accept("migrating " + total + " recording(s) to " + target);
        long moved = 0;
        long failed = 0;
        String after = "";
        while (moved + failed < limit) {
            List<AudioLocation> batch = catalog.audio(query, after, BATCH);
            if (batch.isEmpty()) {
                progress.accept("done: " + moved + " moved, " + failed + " failed, of " + total);
                return new Result(total, moved, failed, true);
            }
            for (AudioLocation row : batch) {
                if (moved + failed >= limit) {
                    break;
                }
                after = row.recordingId();
                if (move(row, to)) {
                    moved++;
                } else {
                    failed++;
                }
                long done = moved + failed;
                if (done % 100 == 0 || done == total) {
                    progress.accept(String.format("%d/%d (%d%%) moved to %s, %d failed", moved, total,
                            total == 0 ? 100 : done * 100 / total, target, failed));
                }
            }
        }
        progress.accept("stopped after " + (moved + failed) + ": " + moved + " moved, " + failed + " failed, of " + total);
        return new Result(total, moved, failed, false);
    }

    private boolean move(AudioLocation row, BlobStore to) throws IOException {
        BlobStore from = stores.get(row.store());
        Path file = staging.newFile();
        try {
            String copied;
            try (InputStream in = from.open(row.key(), 0, row.size()); OutputStream out = StagingArea.output(file)) {
                copied = Sha256.copy(in, out);
            } catch (java.io.FileNotFoundException missingOrShort) {
                log.error("recording {}: the {} copy is missing or shorter than the catalog says: left in place",
                        row.recordingId(), row.store());
                return false;
            }
            if (Files.size(file) != row.size() || !copied.equals(row.sha256())) {
                log.error("recording {}: the {} copy does not match the catalog (size or SHA-256): left in place",
                        row.recordingId(), row.store());
                return false;
            }
            to.store(file, row.key());
            String stored;
            try (InputStream in = to.open(row.key(), 0, row.size())) {
                stored = Sha256.copy(in, OutputStream.nullOutputStream());
            }
            if (!stored.equals(row.sha256()) || to.size(row.key()).orElse(-1L) != row.size()) {
                log.error("recording {}: the copy in {} does not verify: left in {}", row.recordingId(), to.name(), row.store());
                return false;
            }
            // the catalog tells every node the row moved before its old copy goes
            boolean switched = catalog.moveAudio(RecordingId.of(row.recordingId()), row.store(), to.name());
            if (switched) {
                from.delete(row.key());
            }
            return switched;
        } catch (IOException e) {
            log.error("recording {}: copy to {} failed: {}", row.recordingId(), to.name(), e.toString());
            return false;
        } finally {
            StagingArea.deleteQuietly(file);
        }
    }

}
