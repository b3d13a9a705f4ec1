package io.callvault.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callvault.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reading the audit trail (the access log's rows: reads, deletions, holds), newest first, keyset-paginated by id.
 * The writing side is {@link AccessLog}.
 */
@Repository
public class AccessTrail {

    public static final int MAX_PAGE = 1000;
    private static final int RUNS_AT_ONCE = 64;

    private final JdbcClient jdbc;

    public AccessTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to list: every field optional; {@code afterId} is the cursor (the last id of the previous page). */
    public record Filter(String tenantId, String clientId, String recordingId, String callId, String kind, Instant from,
            Instant to, int limit, Long afterId) {

        /** The same filter, for the page after this id. */
        public Filter after(long id) {
            return new Filter(tenantId, clientId, recordingId, callId, kind, from, to, limit, id);
        }
    }

    public record Entry(long id, Instant at, String clientId, String tenantId, String callId, String recordingId,
            String kind, String via, Long rangeStart, Long rangeEnd, long bytes, String remoteAddress, String reason) {
    }

    public record Page(List<Entry> entries, String nextCursor) {
    }

    public Page page(Filter f) {
        if (f.limit() < 1 || f.limit() > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (f.callId() != null && f.tenantId() == null) {
            throw ApiException.badRequest("call needs tenant: call ids are unique only within a tenant");
        }
        boolean throughRuns = throughRuns(f);
        Where rows = rowConditions(f, !throughRuns);
        List<Entry> found = throughRuns
                ? throughRuns(f, rows)
                : query("select a.* from access_log a where 1 = 1" + rows.sql + " order by a.id desc limit ?",
                        rows.params, f.limit() + 1);
        boolean more = found.size() > f.limit();
        List<Entry> page = more ? found.subList(0, f.limit()) : found;
        return new Page(page, more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }

    /**
     * The filter's conditions on a row. Read through the runs, a row is found by primary key within a span of ids,
     * and its other conditions are tests on the row only ({@code coalesce}, which no index answers): H2 would
     * otherwise read a span through a tenant's index, every row of the tenant for each span.
     */
    private static Where rowConditions(Filter f, boolean indexed) {
        Where rows = new Where("a.", indexed);
        rows.equal("tenant_id", f.tenantId());
        rows.equal("client_id", f.clientId());
        rows.equal("recording_id", f.recordingId());
        rows.equal("call_id", f.callId());
        rows.equal("kind", f.kind());
        if (f.from() != null) {
            rows.add("read_at >= ?", f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            rows.add("read_at < ?", f.to().atOffset(ZoneOffset.UTC));
        }
        if (f.afterId() != null) {
            rows.add("id < ?", f.afterId());
        }
        return rows;
    }

    /**
     * Whether the page is found through the runs: by tenant, recording, call or client. Only the whole log, across
     * tenants, is read newest first by its key.
     */
    private static boolean throughRuns(Filter f) {
        return f.tenantId() != null || f.recordingId() != null || f.callId() != null || f.clientId() != null;
    }

    /**
     * A tenant's, a recording's, a call's or a client's reads, found through the runs the writer stored with each batch
     * (a recording's and a call's; a tenant's and a client's through its spans, which are runs of a tenant and client
     * and are walked the same way; "run" below means either), taken newest first (by last id) {@value #RUNS_AT_ONCE} at
     * a time; each run's span of ids is read by primary key, newest first, as far as a page needs, less the parts of it
     * already read whole for this page ({@link ScannedIds}: a batch's runs overlap, and a filter that matches few rows
     * would otherwise read an id once per run over it). A run whose times lie outside the filter's period is passed
     * over without reading its rows: none of them can match (a run without times, written by a node of the version
     * before during an upgrade, is read). No row not yet found can be newer than a row found: its own run is one the
     * filter takes, so its id is at most the last id of every run taken, and where it is above a row found it lies in
     * that row's span, whose newer rows were all read (in this span or in a part read whole before). So the page is
     * complete once it is full. Runs of two nodes' batches may overlap: a row read twice counts once. The walk is
     * keyset-paginated, so a page deep in a long history starts where its cursor is instead of walking every newer run
     * (a CSV export of 100,000 rows was quadratic before).
     */
    private List<Entry> throughRuns(Filter f, Where rows) {
        Where runs = new Where("", true);
        String table = "access_log_runs";
        String order;
        if (f.recordingId() != null) {
            runs.equal("recording_id", f.recordingId());
            order = "recording_id, last_id desc, first_id desc";
        } else if (f.callId() != null) {
            runs.equal("tenant_id", f.tenantId());
            runs.equal("call_id", f.callId());
            order = "tenant_id, call_id, last_id desc, first_id desc";
        } else if (f.clientId() != null) {
            table = "access_log_spans";
            runs.equal("client_id", f.clientId());
            runs.equal("tenant_id", f.tenantId());
            order = "client_id, last_id desc, first_id desc";
        } else {
            table = "access_log_spans";
            runs.equal("tenant_id", f.tenantId());
            order = "tenant_id, last_id desc, first_id desc";
        }
        if (f.afterId() != null) {
            runs.add("first_id < ?", f.afterId());
        }
        if (f.from() != null) {
            runs.add("(last_at >= ? or last_at is null)", f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            runs.add("(first_at < ? or first_at is null)", f.to().atOffset(ZoneOffset.UTC));
        }
        // the equal columns lead the order by, so that H2 walks the index in order instead of sorting every run; the
        // walk goes on below the last run taken (by last id, then first id), and starts where a run with an id below
        // the cursor may end: a run spans fewer than AccessLog.RUN_SPAN ids
        String newestRuns = "select first_id, last_id from " + table + " where 1 = 1" + runs.sql
                + " and last_id <= ? and (last_id < ? or first_id < ?) order by " + order + " limit " + RUNS_AT_ONCE;
        long lastId = f.afterId() == null || f.afterId() > Long.MAX_VALUE - AccessLog.RUN_SPAN ? Long.MAX_VALUE
                : f.afterId() - 1 + AccessLog.RUN_SPAN;
        long firstId = Long.MAX_VALUE;
        Map<Long, Entry> found = new LinkedHashMap<>();
        ScannedIds scanned = new ScannedIds();
        while (true) {
            List<long[]> spans = jdbc.sql(newestRuns).params(runs.params).param(lastId).param(lastId).param(firstId)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            for (long[] span : spans) {
                for (long[] part : scanned.unread(span[0], span[1])) {
                    List<Object> params = new ArrayList<>(rows.params);
                    params.add(part[0]);
                    params.add(part[1]);
                    for (Entry e : query("select a.* from access_log a where 1 = 1" + rows.sql
                            + " and a.id between ? and ? order by a.id desc limit ?", params, f.limit() + 1)) {
                        found.putIfAbsent(e.id(), e);
                    }
                    if (found.size() > f.limit()) {
                        return newestFirst(found, f.limit() + 1);
                    }
                    scanned.read(part[0], part[1]); // not full: every row of the part that matches is found
                }
                lastId = span[1];
                firstId = span[0];
            }
            if (spans.size() < RUNS_AT_ONCE) {
                return newestFirst(found, f.limit() + 1);
            }
        }
    }

    private static List<Entry> newestFirst(Map<Long, Entry> found, int most) {
        return found.values().stream().sorted(Comparator.comparingLong(Entry::id).reversed()).limit(most).toList();
    }

    private List<Entry> query(String sql, List<Object> params, int limit) {
        return jdbc.sql(sql).params(params).param(limit).query((rs, n) -> new Entry(rs.getLong("id"),
                rs.getObject("read_at", OffsetDateTime.class).toInstant(), rs.getString("client_id"),
                rs.getString("tenant_id"), rs.getString("call_id"), rs.getString("recording_id"), rs.getString("kind"),
                rs.getString("via"), rs.getObject("range_start", Long.class), rs.getObject("range_end", Long.class),
                rs.getLong("bytes"), rs.getString("remote_addr"), rs.getString("reason"))).list();
    }

    /** Conditions joined by {@code and}, with their parameters in order. */
    private static final class Where {

        private final String alias;
        private final boolean indexed;
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        /** @param indexed false: equalities written so that no index answers them (a test on the row found) */
        Where(String alias, boolean indexed) {
            this.alias = alias;
            this.indexed = indexed;
        }

        void equal(String column, String value) {
            if (value != null) {
                if (indexed) {
                    add(column + " = ?", value);
                } else {
                    // equal to "column = ?", null included; written so that no index answers it
                    sql.append(" and coalesce(").append(alias).append(column).append(", ").append(alias).append(column)
                            .append(") = ?");
                    params.add(value);
                }
            }
        }

        void add(String condition, Object value) {
            sql.append(" and ").append(alias).append(condition);
            params.add(value);
        }
    }
}
