package io.callvault.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.callvault.audio.AudioInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RecordingRepository {

    private final JdbcClient jdbc;

    public RecordingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the row in one statement; a second segment with the same recordId fails with a DuplicateKeyException. */
    public void insert(Recording r) {
        AudioInfo a = r.audio();
        jdbc.sql("""
                insert into recordings (id, tenant_id, call_id, record_id, state, device_id, start_time, end_time,
                  store, storage_key, file_size, sha256, format, encoding, channels, sample_rate, bits_per_sample,
                  duration_ms, data_offset, data_length, created_at, vendor_record_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.tenantId(), r.callId(), r.recordId(), r.state().name(), r.deviceId(),
                        utc(r.startTime()), utc(r.endTime()), r.store(), r.storageKey(), r.fileSize(), r.sha256(),
                        a == null ? null : a.container().extension(), a == null ? null : a.encoding().wireName(),
                        a == null ? null : a.channels(), a == null ? null : a.sampleRate(),
                        a == null ? null : a.bitsPerSample(), a == null ? 0 : a.durationMs(),
                        a == null ? 0 : a.dataOffset(), a == null ? 0 : a.dataLength(), utc(r.createdAt()),
                        r.vendorRecordId())
                .update();
    }

    public Optional<Recording> find(String tenantId, String id) {
        return jdbc.sql("select * from recordings where id = ? and tenant_id = ?").params(id, tenantId)
                .query(RecordingRepository::map).optional();
    }

    public Optional<Recording> findSegment(String tenantId, String callId, int recordId) {
        return jdbc.sql("select * from recordings where tenant_id = ? and call_id = ? and record_id = ?")
                .params(tenantId, callId, recordId).query(RecordingRepository::map).optional();
    }

    public List<Recording> findByCall(String tenantId, String callId) {
        return jdbc.sql("select * from recordings where tenant_id = ? and call_id = ? order by record_id")
                .params(tenantId, callId).query(RecordingRepository::map).list();
    }

    public List<Recording> findByCalls(String tenantId, Collection<String> callIds) {
        if (callIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from recordings where tenant_id = :tenant and call_id in (:calls) order by call_id, record_id")
                .param("tenant", tenantId).param("calls", callIds).query(RecordingRepository::map).list();
    }

    /** Deletes the call's recordings; their transcripts and the call itself are the caller's to delete. */
    public void deleteByCall(String tenantId, String callId) {
        jdbc.sql("delete from recordings where tenant_id = ? and call_id = ?").params(tenantId, callId).update();
    }

    public void delete(String recordingId) {
        jdbc.sql("delete from recordings where id = ?").param(recordingId).update();
    }

    /** Marks a recording whose audio is gone as Fail; false when it had no audio to lose. */
    public boolean markFail(String recordingId) {
        return jdbc.sql("update recordings set state = 'Fail' where id = ? and state in ('Success', 'Interrupted')")
                .param(recordingId).update() == 1;
    }

    /** Whether a live platform's leg is recorded, or being recorded (an Interrupted one may be taken up again). */
    public boolean vendorRecordIdTaken(String tenantId, String callId, String vendorRecordId) {
        return jdbc.sql("select count(*) from recordings where tenant_id = ? and call_id = ? and vendor_record_id = ?"
                + " and state <> 'Interrupted'").params(tenantId, callId, vendorRecordId).query(Long.class).single() > 0;
    }

    /** The number the call's next segment takes: one past the highest stored. */
    public int nextRecordId(String tenantId, String callId) {
        return jdbc.sql("select coalesce(max(record_id), 0) + 1 from recordings where tenant_id = ? and call_id = ?")
                .params(tenantId, callId).query(Integer.class).single();
    }

    /** How far a live recording has grown; only while it is still {@code Recording}. */
    public void growLive(String recordingId, long fileSize, long durationMs) {
        jdbc.sql("update recordings set file_size = ?, duration_ms = ? where id = ? and state = 'Recording'")
                .params(fileSize, durationMs, recordingId).update();
    }

    /** A live recording's final row: its state, audio and where the audio is stored. False when it had ended. */
    public boolean finishLive(Recording r) {
        AudioInfo a = r.audio();
        return jdbc.sql("""
                update recordings set state = ?, end_time = ?, store = ?, storage_key = ?, file_size = ?, sha256 = ?,
                  format = ?, encoding = ?, channels = ?, sample_rate = ?, bits_per_sample = ?, duration_ms = ?,
                  data_offset = ?, data_length = ?
                where id = ? and state = 'Recording'""")
                .params(r.state().name(), utc(r.endTime()), r.store(), r.storageKey(), r.fileSize(), r.sha256(),
                        a.container().extension(), a.encoding().wireName(), a.channels(), a.sampleRate(),
                        a.bitsPerSample(), a.durationMs(), a.dataOffset(), a.dataLength(), r.id())
                .update() == 1;
    }

    /** Names another store for the recording's audio; false when it was no longer in {@code from}. */
    public boolean moveStore(String recordingId, String from, String to) {
        return jdbc.sql("update recordings set store = ? where id = ? and store = ?").params(to, recordingId, from)
                .update() == 1;
    }

    public long count(AudioQuery q) {
        StringBuilder sql = new StringBuilder("select count(*) from recordings where storage_key is not null");
        return jdbc.sql(where(sql, q).toString()).params(parameters(q)).query(Long.class).single();
    }

    public List<AudioLocation> page(AudioQuery q, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("select id, tenant_id, call_id, store, storage_key, file_size, sha256"
                + " from recordings where storage_key is not null");
        where(sql, q).append(" and id > ? order by id limit ?");
        List<Object> params = new java.util.ArrayList<>(parameters(q));
        params.add(afterId);
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new AudioLocation(rs.getString("id"), rs.getString("tenant_id"), rs.getString("call_id"),
                        rs.getString("store"), rs.getString("storage_key"), rs.getLong("file_size"), rs.getString("sha256")))
                .list();
    }

    private static StringBuilder where(StringBuilder sql, AudioQuery q) {
        if (q.successOnly()) {
            sql.append(" and state in ('Success', 'Interrupted')");
        }
        if (q.notInStore() != null) {
            sql.append(" and store <> ?");
        }
        if (q.tenantId() != null) {
            sql.append(" and tenant_id = ?");
        }
        return sql;
    }

    private static List<Object> parameters(AudioQuery q) {
        List<Object> params = new java.util.ArrayList<>();
        if (q.notInStore() != null) {
            params.add(q.notInStore());
        }
        if (q.tenantId() != null) {
            params.add(q.tenantId());
        }
        return params;
    }

    /** Which of these keys in this store a recording names (what the orphan sweep must keep). */
    public java.util.Set<String> referencedKeys(String store, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select storage_key from recordings where store = :store and storage_key in (:keys)")
                .param("store", store).param("keys", keys).query(String.class).list());
    }

    static Recording map(ResultSet rs, int row) throws SQLException {
        AudioInfo audio = Recording.audio(rs.getString("format"), rs.getString("encoding"), rs.getInt("channels"),
                rs.getInt("sample_rate"), rs.getInt("bits_per_sample"), rs.getLong("duration_ms"),
                rs.getLong("data_offset"), rs.getLong("data_length"));
        return new Recording(rs.getString("id"), rs.getString("tenant_id"), rs.getString("call_id"),
                rs.getInt("record_id"), RecordingState.valueOf(rs.getString("state")), rs.getString("device_id"),
                instant(rs, "start_time"), instant(rs, "end_time"), rs.getString("store"), rs.getString("storage_key"),
                rs.getLong("file_size"), rs.getString("sha256"), audio, instant(rs, "created_at"),
                rs.getString("vendor_record_id"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
