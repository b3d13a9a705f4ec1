package io.callvault.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
        StringBuilder sql = new StringBuilder("select * from access_log where 1 = 1");
        List<Object> params = new ArrayList<>();
        equal(sql, params, "tenant_id", f.tenantId());
        equal(sql, params, "client_id", f.clientId());
        equal(sql, params, "recording_id", f.recordingId());
        equal(sql, params, "call_id", f.callId());
        equal(sql, params, "kind", f.kind());
        if (f.from() != null) {
            sql.append(" and read_at >= ?");
            params.add(f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            sql.append(" and read_at < ?");
            params.add(f.to().atOffset(ZoneOffset.UTC));
        }
        if (f.afterId() != null) {
            sql.append(" and id < ?");
            params.add(f.afterId());
        }
        sql.append(" order by id desc limit ?");
        params.add(f.limit() + 1);
        List<Entry> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Entry(rs.getLong("id"),
                rs.getObject("read_at", OffsetDateTime.class).toInstant(), rs.getString("client_id"),
                rs.getString("tenant_id"), rs.getString("call_id"), rs.getString("recording_id"), rs.getString("kind"),
                rs.getString("via"), rs.getObject("range_start", Long.class), rs.getObject("range_end", Long.class),
                rs.getLong("bytes"), rs.getString("remote_addr"), rs.getString("reason"))).list();
        boolean more = rows.size() > f.limit();
        List<Entry> page = more ? rows.subList(0, f.limit()) : rows;
        return new Page(page, more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }
}
