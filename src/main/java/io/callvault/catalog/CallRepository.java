package io.callvault.catalog;

import static io.callvault.catalog.RecordingRepository.instant;
import static io.callvault.catalog.RecordingRepository.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calls. Writes are single statements outside any transaction, so that a lost insert race (a duplicate key)
 * can be answered by an update without aborting a surrounding PostgreSQL transaction.
 */
@Repository
public class CallRepository {

    private final JdbcClient jdbc;

    public CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or updates the call; true when it was created. Null fields leave what is stored. */
    public boolean upsert(String tenantId, String callId, CallDetails d, Instant now) {
        try {
            jdbc.sql("""
                    insert into calls (tenant_id, id, direction, ani, dnis, ani_digits, dnis_digits, agent_id, agent_name,
                      skill_name, group_id, group_name, connect_time, disconnect_time, sort_time, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenantId, callId, d.direction() == null ? null : d.direction().name(), d.ani(), d.dnis(),
                            PhoneNumber.digits(d.ani()), PhoneNumber.digits(d.dnis()),
                            d.agentId(), d.agentName(), d.skillName(), d.groupId(), d.groupName(),
                            utc(d.connectTime()), utc(d.disconnectTime()),
                            utc(d.connectTime() == null ? now : d.connectTime()), utc(now), utc(now))
                    .update();
            return true;
        } catch (DuplicateKeyException exists) {
            jdbc.sql("""
                    update calls set direction = coalesce(?, direction), ani = coalesce(?, ani), dnis = coalesce(?, dnis),
                      ani_digits = coalesce(?, ani_digits), dnis_digits = coalesce(?, dnis_digits),
                      agent_id = coalesce(?, agent_id), agent_name = coalesce(?, agent_name),
                      skill_name = coalesce(?, skill_name), group_id = coalesce(?, group_id),
                      group_name = coalesce(?, group_name), connect_time = coalesce(?, connect_time),
                      disconnect_time = coalesce(?, disconnect_time), sort_time = coalesce(?, sort_time), updated_at = ?
                    where tenant_id = ? and id = ?""")
                    .params(d.direction() == null ? null : d.direction().name(), d.ani(), d.dnis(),
                            PhoneNumber.digits(d.ani()), PhoneNumber.digits(d.dnis()), d.agentId(),
                            d.agentName(), d.skillName(), d.groupId(), d.groupName(), utc(d.connectTime()),
                            utc(d.disconnectTime()), utc(d.connectTime()), utc(now), tenantId, callId)
                    .update();
            return false;
        }
    }

    /**
     * Within a transaction: makes sure the call exists (inserting a bare one) and marks it updated. A concurrent
     * insert of the same call fails the transaction with a DuplicateKeyException, for the caller to retry.
     */
    public void ensureInTransaction(String tenantId, String callId, Instant now) {
        // the new call first: an upload names a new call more often than not, and for it this is the one statement
        int made = jdbc.sql("""
                insert into calls (tenant_id, id, sort_time, created_at, updated_at) select ?, ?, ?, ?, ?
                where not exists (select 1 from calls where tenant_id = ? and id = ?)""")
                .params(tenantId, callId, utc(now), utc(now), utc(now), tenantId, callId).update();
        if (made == 0) {
            jdbc.sql("update calls set updated_at = ? where tenant_id = ? and id = ?")
                    .params(utc(now), tenantId, callId).update();
        }
    }

    /**
     * Within a transaction: locks the call's row against a concurrent hold or deletion until it ends. Empty when
     * there is no such call; else the call's hold, if it has one.
     */
    public Optional<Optional<CallHold>> lockForChange(String tenantId, String callId) {
        return jdbc.sql("select hold_reason, held_at, held_by from calls where tenant_id = ? and id = ? for update")
                .params(tenantId, callId)
                .query((rs, n) -> Optional.ofNullable(hold(callId, rs)))
                .optional();
    }

    /** Places the hold; false when there is no such call. */
    public boolean hold(String tenantId, CallHold hold) {
        return jdbc.sql("update calls set hold_reason = ?, held_at = ?, held_by = ? where tenant_id = ? and id = ?")
                .params(hold.reason(), utc(hold.heldAt()), hold.heldBy(), tenantId, hold.callId()).update() == 1;
    }

    public Optional<CallHold> findHold(String tenantId, String callId) {
        return jdbc.sql("select hold_reason, held_at, held_by from calls where tenant_id = ? and id = ? and hold_reason is not null")
                .params(tenantId, callId).query((rs, n) -> hold(callId, rs)).optional();
    }

    /** Lifts the hold; false when the call was not under one. */
    public boolean release(String tenantId, String callId) {
        return jdbc.sql("update calls set hold_reason = null, held_at = null, held_by = null"
                + " where tenant_id = ? and id = ? and hold_reason is not null").params(tenantId, callId).update() == 1;
    }

    /** Deletes the call's row; its recordings and transcripts must be gone first. */
    public void delete(String tenantId, String callId) {
        jdbc.sql("delete from calls where tenant_id = ? and id = ?").params(tenantId, callId).update();
    }

    /** The oldest calls listed before the cutoff and not under hold, at most {@code limit}: what retention deletes. */
    public List<String> expiredUnheld(String tenantId, Instant cutoff, int limit) {
        return jdbc.sql("select id from calls where tenant_id = ? and sort_time < ? and hold_reason is null"
                + " order by sort_time limit ?").params(tenantId, utc(cutoff), limit).query(String.class).list();
    }

    private static CallHold hold(String callId, ResultSet rs) throws SQLException {
        String reason = rs.getString("hold_reason");
        return reason == null ? null : new CallHold(callId, reason, instant(rs, "held_at"), rs.getString("held_by"));
    }

    public Optional<Call> find(String tenantId, String callId) {
        return jdbc.sql("select * from calls where tenant_id = ? and id = ?").params(tenantId, callId)
                .query(CallRepository::map).optional();
    }

    /** One page of calls, newest first, after the cursor position; {@code limit + 1} rows tell whether more follow. */
    public List<Call> search(CallQuery q) {
        StringBuilder sql = new StringBuilder("select * from calls where tenant_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.tenantId());
        if (q.from() != null) {
            sql.append(" and sort_time >= ?");
            params.add(utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and sort_time < ?");
            params.add(utc(q.to()));
        }
        addPrefix(sql, params, "ani_digits", q.aniDigits());
        addPrefix(sql, params, "dnis_digits", q.dnisDigits());
        addEquals(sql, params, "agent_id", q.agentId());
        addEquals(sql, params, "skill_name", q.skillName());
        addEquals(sql, params, "direction", q.direction() == null ? null : q.direction().name());
        if (q.agentName() != null) {
            sql.append(" and lower(agent_name) like ? escape '!'");
            params.add("%" + q.agentName().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        if (q.recordingState() != null) {
            sql.append(" and exists (select 1 from recordings r where r.tenant_id = calls.tenant_id"
                    + " and r.call_id = calls.id and r.state = ?)");
            params.add(q.recordingState().name());
        }
        if (q.transcribed() != null) {
            sql.append(q.transcribed() ? " and exists" : " and not exists").append(" (select 1 from transcript_records t"
                    + " where t.tenant_id = calls.tenant_id and t.call_id = calls.id)");
        }
        if (q.sessionNumbersOnly()) {
            // a decimal integer up to 2^63-1 with no sign or leading zero (contract 4); digits compare alike in every collation
            // (translate to one digit, then replace it: H2's translate cannot delete characters)
            sql.append(" and replace(translate(id, '0123456789', '0000000000'), '0', '') = ''"
                    + " and (id = '0' or id not like '0%')"
                    + " and (length(id) < 19 or (length(id) = 19 and id <= '9223372036854775807'))");
        }
        if (q.after() != null) {
            sql.append(q.oldestFirst() ? " and (sort_time, id) > (?, ?)" : " and (sort_time, id) < (?, ?)");
            params.add(utc(q.after().sortTime()));
            params.add(q.after().callId());
        }
        sql.append(q.oldestFirst() ? " order by sort_time, id limit ?" : " order by sort_time desc, id desc limit ?");
        params.add(q.limit() + 1);
        return jdbc.sql(sql.toString()).params(params).query(CallRepository::map).list();
    }

    /** Stored numbers that start with these digits, as an index range rather than a LIKE. */
    private static void addPrefix(StringBuilder sql, List<Object> params, String column, String digits) {
        if (digits != null) {
            sql.append(" and ").append(column).append(" >= ?");
            params.add(digits);
            String next = PhoneNumber.nextPrefix(digits);
            if (next != null) {
                sql.append(" and ").append(column).append(" < ?");
                params.add(next);
            }
        }
    }

    private static void addEquals(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    static Call map(ResultSet rs, int row) throws SQLException {
        String direction = rs.getString("direction");
        return new Call(rs.getString("tenant_id"), rs.getString("id"), direction == null ? null : Direction.valueOf(direction),
                rs.getString("ani"), rs.getString("dnis"), rs.getString("agent_id"), rs.getString("agent_name"),
                rs.getString("skill_name"), rs.getString("group_id"), rs.getString("group_name"),
                instant(rs, "connect_time"), instant(rs, "disconnect_time"), instant(rs, "sort_time"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
