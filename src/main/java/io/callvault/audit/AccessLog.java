package io.callvault.audit;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes one row per successful audio read: who, tenant, recording, bytes, play or download, when, from where. */
@Repository
public class AccessLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AccessLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param rangeStart first byte served; rangeEnd the last (inclusive); both null for a whole-body read */
    public void record(AudioRead read, Long rangeStart, Long rangeEnd, long bytes) {
        jdbc.sql("""
                insert into access_log (read_at, client_id, tenant_id, call_id, recording_id, kind, via, range_start,
                  range_end, bytes, remote_addr)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(clock.instant().atOffset(ZoneOffset.UTC), read.clientId(), read.tenantId(), read.callId(),
                        read.recordingId(), read.kind(), read.via(), rangeStart, rangeEnd, bytes, read.remoteAddress())
                .update();
    }
}
