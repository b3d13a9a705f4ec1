package io.callvault.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.callvault.Sha256;
import io.callvault.cluster.Invalidations;
import io.callvault.storage.BlobStore;
import io.callvault.storage.BlobStores;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads every recording with audio back from its store and compares size and SHA-256 with the catalog. Missing
 * audio (no object, or it cannot be read) can be repaired by marking the recording Fail, which keeps its row and
 * makes every API say the audio does not exist; corrupt audio (wrong size or hash) is reported, never changed.
 */
@Service
public class IntegrityCheck {

    private static final Logger log = LoggerFactory.getLogger(IntegrityCheck.class);
    private static final int BATCH = 500;

    private final BlobStores stores;
    private final JdbcClient jdbc;
    private final Invalidations invalidations;

    public IntegrityCheck(BlobStores stores, JdbcClient jdbc, Invalidations invalidations) {
        this.invalidations = invalidations;
        this.stores = stores;
        this.jdbc = jdbc;
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

    private record Row(String id, String tenantId, String callId, String store, String key, long size, String sha256) {
    }

    public Report check(String tenantId, boolean repair, Consumer<String> progress) {
        long total = jdbc.sql("select count(*) from recordings where state = 'Success' and storage_key is not null"
                + (tenantId == null ? "" : " and tenant_id = :tenant")).param("tenant", tenantId).query(Long.class).single();
        progress.accept("checking " + total + " recording(s)" + (repair ? ", repairing missing audio" : ""));
        Map<String, long[]> counts = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        long checked = 0;
        long repaired = 0;
        String after = "";
        while (true) {
            List<Row> batch = jdbc.sql("select id, tenant_id, call_id, store, storage_key, file_size, sha256 from recordings"
                    + " where state = 'Success' and storage_key is not null and id > :after"
                    + (tenantId == null ? "" : " and tenant_id = :tenant") + " order by id limit " + BATCH)
                    .param("after", after).param("tenant", tenantId)
                    .query((rs, n) -> new Row(rs.getString("id"), rs.getString("tenant_id"), rs.getString("call_id"),
                            rs.getString("store"), rs.getString("storage_key"), rs.getLong("file_size"), rs.getString("sha256")))
                    .list();
            if (batch.isEmpty()) {
                break;
            }
            for (Row row : batch) {
                after = row.id();
                long[] c = counts.computeIfAbsent(row.tenantId(), t -> new long[3]);
                c[0]++;
                checked++;
                Optional<Problem> found = verify(row);
                if (found.isPresent()) {
                    Problem problem = found.get();
                    boolean missing = problem.problem().equals("missing");
                    c[missing ? 1 : 2]++;
                    if (missing && repair) {
                        jdbc.sql("update recordings set state = 'Fail' where id = ? and state = 'Success'")
                                .param(row.id()).update();
                        invalidations.publish(Invalidations.Topic.RECORDING, row.id());
                        repaired++;
                        problem = new Problem(problem.tenantId(), problem.callId(), problem.recordingId(),
                                problem.problem(), problem.detail(), true);
                    }
                    log.warn("recording {} of tenant {}: {} ({})", row.id(), row.tenantId(), problem.problem(), problem.detail());
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

    private Optional<Problem> verify(Row row) {
        BlobStore store;
        try {
            store = stores.get(row.store());
        } catch (IllegalStateException e) {
            return Optional.of(problem(row, "missing", "store '" + row.store() + "' is not configured"));
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
            return Optional.of(problem(row, "missing", "unreadable: " + e.getMessage()));
        }
    }

    private static Problem problem(Row row, String problem, String detail) {
        return new Problem(row.tenantId(), row.callId(), row.id(), problem, detail, false);
    }
}
