package io.callvault.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.callvault.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The admin's audit trail: every tenant and client made, changed, revoked or rotated, from where, and what changed. */
@Repository
public class AdminLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AdminLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Entry(long id, Instant at, String address, String action, String target, String detail) {
    }

    public record Page(List<Entry> entries, String nextCursor) {
    }

    public void record(Admin admin, String action, String target, String detail) {
        jdbc.sql("insert into admin_log (at, address, action, target, detail) values (?, ?, ?, ?, ?)")
                .params(clock.instant().atOffset(ZoneOffset.UTC), admin.address(), action, target,
                        detail != null && detail.length() > 2000 ? detail.substring(0, 2000) : detail)
                .update();
    }

    /** Newest first, {@code limit} at a time after the cursor (the last id of the previous page). */
    Page page(int limit, String cursor) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000");
        }
        long after;
        try {
            after = cursor == null ? Long.MAX_VALUE : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cursor is not one this server returned");
        }
        List<Entry> rows = jdbc.sql("select * from admin_log where id < ? order by id desc limit ?").params(after, limit + 1)
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("address"), rs.getString("action"), rs.getString("target"), rs.getString("detail")))
                .list();
        boolean more = rows.size() > limit;
        List<Entry> page = more ? rows.subList(0, limit) : rows;
        return new Page(page, more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }
}
