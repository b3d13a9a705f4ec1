package io.callvault.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.callvault.tenancy.Admin;
import io.callvault.web.ApiException;
import io.callvault.web.Instants;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/admin/access-log}: the audit trail — who read which audio, and who deleted or held what and
 * why — newest first, keyset-paginated, filtered by tenant, client, recording, call, kind ({@code play},
 * {@code download}, {@code delete}, {@code hold}, {@code release}) and time range. Admin token only.
 */
@RestController
class AccessLogController {

    private static final int MAX_PAGE = 1000;

    private final JdbcClient jdbc;

    AccessLogController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Entry(long id, Instant at, String clientId, String tenantId, String callId, String recordingId, String kind,
            String via, Long rangeStart, Long rangeEnd, long bytes, String remoteAddress, String reason) {
    }

    record Page(List<Entry> entries, String nextCursor) {
    }

    @GetMapping("/v1/admin/access-log")
    Page accessLog(Admin admin, @RequestParam(required = false) String tenant, @RequestParam(required = false) String client,
            @RequestParam(required = false) String recording, @RequestParam(required = false) String call,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        if (kind != null && !List.of("play", "download", "delete", "hold", "release").contains(kind)) {
            throw ApiException.badRequest("kind must be play, download, delete, hold or release");
        }
        if (call != null && tenant == null) {
            throw ApiException.badRequest("call needs tenant: call ids are unique only within a tenant");
        }
        StringBuilder sql = new StringBuilder("select * from access_log where 1 = 1");
        List<Object> params = new ArrayList<>();
        equal(sql, params, "tenant_id", tenant);
        equal(sql, params, "client_id", client);
        equal(sql, params, "recording_id", recording);
        equal(sql, params, "call_id", call);
        equal(sql, params, "kind", kind);
        if (from != null) {
            sql.append(" and read_at >= ?");
            params.add(instant("from", from));
        }
        if (to != null) {
            sql.append(" and read_at < ?");
            params.add(instant("to", to));
        }
        if (cursor != null) {
            sql.append(" and id < ?");
            params.add(parseCursor(cursor));
        }
        sql.append(" order by id desc limit ?");
        params.add(limit + 1);
        List<Entry> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Entry(rs.getLong("id"),
                rs.getObject("read_at", OffsetDateTime.class).toInstant(), rs.getString("client_id"),
                rs.getString("tenant_id"), rs.getString("call_id"), rs.getString("recording_id"), rs.getString("kind"),
                rs.getString("via"), (Long) rs.getObject("range_start", Long.class),
                (Long) rs.getObject("range_end", Long.class), rs.getLong("bytes"), rs.getString("remote_addr"), rs.getString("reason"))).list();
        boolean more = rows.size() > limit;
        List<Entry> page = more ? rows.subList(0, limit) : rows;
        return new Page(page, more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static OffsetDateTime instant(String name, String value) {
        return Instants.parse(name, value).atOffset(ZoneOffset.UTC);
    }

    private static long parseCursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cursor is not one this server returned");
        }
    }
}
