package io.callvault.ingest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.callvault.catalog.Catalog;
import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;
import io.callvault.storage.StoredBlob;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes stored audio that no recording row points at (a row points at a key in the store it names): what a
 * crash between the durable store and the row commit left, the losing copy of a concurrent upload whose delete
 * failed, or the source copy of a migrated recording whose delete was interrupted. Only blobs older than the grace
 * period are considered, and a row is committed seconds after its blob is stored, so a blob whose row is being
 * written is never touched.
 */
@Component
public class OrphanSweep {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);
    private static final int BATCH = 500;

    private final BlobStores stores;
    private final Catalog catalog;
    private final Clock clock;
    private final Duration grace;

    public OrphanSweep(BlobStores stores, Catalog catalog, Clock clock,
            @Value("${callvault.sweep.orphan-grace:1h}") Duration grace) {
        this.stores = stores;
        this.catalog = catalog;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(initialDelayString = "${callvault.sweep.initial-delay:15m}",
            fixedDelayString = "${callvault.sweep.interval:6h}")
    public void scheduled() {
        for (BlobStore store : stores.all()) {
            try {
                sweep(store, grace);
            } catch (IOException | RuntimeException e) {
                log.warn("orphan sweep of store {} failed: {}", store.name(), e.toString());
            }
        }
    }

    /** @return how many orphans were removed from the store */
    public int sweep(BlobStore store, Duration minAge) throws IOException {
        Instant cutoff = clock.instant().minus(minAge);
        int removed = 0;
        try (Stream<StoredBlob> blobs = store.list()) {
            Iterator<StoredBlob> it = blobs.filter(b -> b.lastModified().isBefore(cutoff)).iterator();
            List<String> batch = new ArrayList<>(BATCH);
            while (it.hasNext()) {
                batch.add(it.next().key());
                if (batch.size() == BATCH || !it.hasNext()) {
                    removed += removeUnreferenced(store, batch);
                    batch.clear();
                }
            }
        }
        if (removed > 0) {
            log.info("orphan sweep removed {} unreferenced blob(s) from store {}", removed, store.name());
        }
        return removed;
    }

    private int removeUnreferenced(BlobStore store, List<String> keys) throws IOException {
        Set<String> referenced = catalog.referencedKeys(store.name(), keys);
        int removed = 0;
        for (String key : keys) {
            if (!referenced.contains(key)) {
                store.delete(key);
                removed++;
            }
        }
        return removed;
    }
}
