package io.callvault.live;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The live_sessions table: which recordings are being captured, and on which node. */
@Repository
class LiveSessionRepository {

    /** A session a node was capturing. */
    record Row(String recordingId, String tenantId, String protocol) {
    }

    private final JdbcClient jdbc;

    LiveSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String recordingId, String tenantId, String nodeId, String protocol, Instant startedAt) {
        jdbc.sql("insert into live_sessions (recording_id, tenant_id, node_id, protocol, started_at) values (?, ?, ?, ?, ?)")
                .params(recordingId, tenantId, nodeId, protocol, startedAt.atOffset(ZoneOffset.UTC)).update();
    }

    void delete(String recordingId) {
        jdbc.sql("delete from live_sessions where recording_id = ?").param(recordingId).update();
    }

    List<Row> ofNode(String nodeId) {
        return jdbc.sql("select recording_id, tenant_id, protocol from live_sessions where node_id = ?").param(nodeId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }
}
