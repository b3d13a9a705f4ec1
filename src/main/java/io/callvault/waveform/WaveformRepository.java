package io.callvault.waveform;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code waveforms} table: a recording's peaks, kept once computed (deleted with the recording's row). */
@Repository
class WaveformRepository {

    private final JdbcClient jdbc;

    WaveformRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Peaks> find(String recordingId) {
        return jdbc.sql("select channels, buckets, duration_ms, peaks from waveforms where recording_id = ?")
                .param(recordingId)
                .query((rs, n) -> Peaks.fromBytes(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getBytes(4)))
                .optional();
    }

    /** Two requests that computed the same peaks at once keep the first: they are the same. */
    void keep(String recordingId, Peaks peaks) {
        jdbc.sql("""
                insert into waveforms (recording_id, channels, buckets, duration_ms, peaks)
                select ?, ?, ?, ?, ? where not exists (select 1 from waveforms where recording_id = ?)""")
                .params(recordingId, peaks.channels(), peaks.buckets(), peaks.durationMs(), peaks.toBytes(), recordingId)
                .update();
    }
}
