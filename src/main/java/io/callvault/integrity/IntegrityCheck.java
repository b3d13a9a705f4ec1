package io.callvault.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.callvault.catalog.AudioLocation;
import io.callvault.catalog.AudioQuery;
import io.callvault.catalog.Catalog;
import io.callvault.catalog.RecordingId;
import io.callvault.server.Sha256;
import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads every recording with audio back from its store and compares size and SHA-256 with the catalog. Missing
 * audio (no object, or it cannot be read) is reported as missing; audio the store says is not there can be repaired
 * by marking the recording Fail, which keeps its row and makes every API say the audio does not exist. Audio that
 * could not be read (the store did not answer, or is not configured here) is never marked Fail: it may be there.
 * Corrupt audio (wrong size or hash) is reported, never changed.
 */
@Service
public class IntegrityCheck {

    private static final Logger log = LoggerFactory.getLogger(IntegrityCheck.class);
    private static final int BATCH = 500;

    private final BlobStores stores;
    private final Catalog catalog;

    private static final String UNREADABLE = "unreadable: ";

    public IntegrityCheck(BlobStores stores, Catalog catalog) {
        this.stores = stores;
        this.catalog = catalog;
    }

    public record Problem(String tenantId, String callId, String recordingId, String problem, String detail,
            boolean repaired) {
    }

    public record TenantCounts(long checked, long missing, long corrupt) {
    }

    public record Report(long checked, long missing, long corrupt, long repaired, Map<String, TenantCounts> tenants,
            List<Problem> problems) {
        public boolean damaged() {
            return missing + corrupt > 0;
        }
    }

    public Report check(String tenantId, boolean repair, Consumer<String> progress) {
        AudioQuery query = new AudioQuery(tenantId, true, null);
        long total = catalog.countAudio(query);
        progress.accept("checking " + total + " recording(s)" + (repair ? ", repairing missing audio" : ""));
        Map<String, long[]> counts = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        long checked = 0;
        long repaired = 0;
        String after = "";
        while (true) {
            List<AudioLocation> batch = catalog.audio(query, after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (AudioLocation row : batch) {
                after = row.recordingId();
                long[] c = counts.computeIfAbsent(row.tenantId(), t -> new long[3]);
                c[0]++;
                checked++;
                Optional<Problem> found = verify(row);
                if (found.isPresent()) {
                    Problem problem = found.get();
                    boolean missing = problem.problem().equals("missing");
                    c[missing ? 1 : 2]++;
                    // only audio the store says is not there is marked Fail: a store that did not answer may next time
                    if (missing && repair && !problem.detail().startsWith(UNREADABLE)) {
                        catalog.markAudioMissing(RecordingId.of(row.recordingId()));
                        repaired++;
                        problem = new Problem(problem.tenantId(), problem.callId(), problem.recordingId(),
                                problem.problem(), problem.detail(), true);
                    }
                    log.warn("recording {} of tenant {}: {} ({})", row.recordingId(), row.tenantId(), problem.problem(), problem.detail());
                    problems.add(problem);
                }
                if (checked % 100 == 0 || checked == total) {
                    progress.accept(String.format("%d/%d checked (%d%%), %d damaged", checked, total,
                            total == 0 ? 100 : checked * 100 / total, problems.size()));
                }
            }
        }
        Map<String, TenantCounts> tenants = new TreeMap<>();
        counts.forEach((t, c) -> tenants.put(t, new TenantCounts(c[0], c[1], c[2])));
        long missing = problems.stream().filter(p -> p.problem().equals("missing")).count();
        Report report = new Report(checked, missing, problems.size() - missing, repaired, tenants, problems);
        progress.accept("done: " + checked + " checked, " + missing + " missing, " + report.corrupt() + " corrupt, "
                + repaired + " marked Fail");
        return report;
    }

    private Optional<Problem> verify(AudioLocation row) {
        BlobStore store;
        try {
            store = stores.get(row.store());
        } catch (IllegalStateException e) {
            return Optional.of(problem(row, "missing", UNREADABLE + "store '" + row.store() + "' is not configured"));
        }
        try {
            Optional<Long> size = store.size(row.key());
            if (size.isEmpty()) {
                return Optional.of(problem(row, "missing", "no audio under " + row.key() + " in " + row.store()));
            }
            if (size.get() != row.size()) {
                return Optional.of(problem(row, "corrupt", "size " + size.get() + " where the catalog says " + row.size()));
            }
            String sha256;
            try (InputStream in = store.open(row.key(), 0, row.size())) {
                sha256 = Sha256.copy(in, java.io.OutputStream.nullOutputStream());
            }
            if (!sha256.equals(row.sha256())) {
                return Optional.of(problem(row, "corrupt", "SHA-256 " + sha256 + " where the catalog says " + row.sha256()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(problem(row, "missing", UNREADABLE + e.getMessage()));
        }
    }

    private static Problem problem(AudioLocation row, String problem, String detail) {
        return new Problem(row.tenantId(), row.callId(), row.recordingId(), problem, detail, false);
    }
}
