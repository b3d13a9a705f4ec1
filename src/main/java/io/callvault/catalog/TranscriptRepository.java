package io.callvault.catalog;

import static io.callvault.catalog.RecordingRepository.utc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class TranscriptRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    public TranscriptRepository(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Stores the listed segments' transcripts, replacing what was stored for them; others are kept. */
    @Transactional
    public void replace(Transcript transcript, Instant now) {
        String tenant = transcript.tenantId();
        String call = transcript.callId();
        int updated = jdbc.sql("update transcripts set status = ?, description = ?, updated_at = ? where tenant_id = ? and call_id = ?")
                .params(transcript.status(), transcript.description(), utc(now), tenant, call).update();
        if (updated == 0) {
            jdbc.sql("insert into transcripts (tenant_id, call_id, status, description, updated_at) values (?, ?, ?, ?, ?)")
                    .params(tenant, call, transcript.status(), transcript.description(), utc(now)).update();
        }
        for (Transcript.Segment segment : transcript.segments()) {
            jdbc.sql("delete from transcript_sentences where tenant_id = ? and call_id = ? and record_id = ?")
                    .params(tenant, call, segment.recordId()).update();
            jdbc.sql("delete from transcript_records where tenant_id = ? and call_id = ? and record_id = ?")
                    .params(tenant, call, segment.recordId()).update();
            jdbc.sql("""
                    insert into transcript_records (tenant_id, call_id, record_id, ani, dnis, agent_id, agent_name)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenant, call, segment.recordId(), segment.ani(), segment.dnis(), segment.agentId(),
                            segment.agentName())
                    .update();
            // in batches: a long call's transcript is tens of thousands of sentences
            List<Object[]> rows = new ArrayList<>(segment.sentences().size());
            for (Transcript.Sentence s : segment.sentences()) {
                rows.add(new Object[] {tenant, call, segment.recordId(), s.sequence(), s.speakerId(), text(s.start()),
                        text(s.end()), s.text()});
            }
            batches.batchUpdate("""
                    insert into transcript_sentences (tenant_id, call_id, record_id, sequence, speaker_id,
                      start_offset, end_offset, text)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        }
    }

    /** Deletes the transcript of one segment, or of the whole call when {@code recordId} is null. */
    public void delete(String tenantId, String callId, Integer recordId) {
        String segment = recordId == null ? "" : " and record_id = ?";
        Object[] params = recordId == null ? new Object[] {tenantId, callId} : new Object[] {tenantId, callId, recordId};
        jdbc.sql("delete from transcript_sentences where tenant_id = ? and call_id = ?" + segment).params(params).update();
        jdbc.sql("delete from transcript_records where tenant_id = ? and call_id = ?" + segment).params(params).update();
        if (recordId == null) {
            jdbc.sql("delete from transcripts where tenant_id = ? and call_id = ?").params(tenantId, callId).update();
        }
    }

    public Optional<Transcript> find(String tenantId, String callId) {
        return jdbc.sql("select status, description from transcripts where tenant_id = ? and call_id = ?")
                .params(tenantId, callId)
                .query((rs, row) -> new Transcript(tenantId, callId, rs.getString("status"), rs.getString("description"),
                        List.of()))
                .optional()
                .map(t -> new Transcript(tenantId, callId, t.status(), t.description(), segments(tenantId, callId, null)));
    }

    public Optional<Transcript.Segment> findSegment(String tenantId, String callId, int recordId) {
        List<Transcript.Segment> found = segments(tenantId, callId, recordId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Transcript.Segment> segments(String tenantId, String callId, Integer recordId) {
        String only = recordId == null ? "" : " and record_id = " + recordId.intValue();
        List<Transcript.Segment> heads = jdbc.sql("select * from transcript_records where tenant_id = ? and call_id = ?" + only
                + " order by record_id")
                .params(tenantId, callId)
                .query((rs, row) -> new Transcript.Segment(rs.getInt("record_id"), rs.getString("ani"), rs.getString("dnis"),
                        rs.getString("agent_id"), rs.getString("agent_name"), List.of()))
                .list();
        List<Transcript.Segment> result = new ArrayList<>();
        for (Transcript.Segment head : heads) {
            List<Transcript.Sentence> sentences = jdbc.sql("""
                    select * from transcript_sentences where tenant_id = ? and call_id = ? and record_id = ?
                    order by sequence""")
                    .params(tenantId, callId, head.recordId())
                    .query((rs, row) -> new Transcript.Sentence(rs.getInt("sequence"), rs.getInt("speaker_id"),
                            number(rs.getString("start_offset")), number(rs.getString("end_offset")), rs.getString("text")))
                    .list();
            result.add(new Transcript.Segment(head.recordId(), head.ani(), head.dnis(), head.agentId(), head.agentName(),
                    sentences));
        }
        return result;
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal number(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
