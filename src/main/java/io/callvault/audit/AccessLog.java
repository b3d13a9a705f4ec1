package io.callvault.audit;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import jakarta.annotation.PreDestroy;

/**
 * Writes one row per successful audio read: who, tenant, recording, bytes, play or download, when, from where.
 * Reads are the hot path, so rows are queued and written by one writer thread, which wakes every
 * {@code callvault.audit.gather-interval} ({@value #GATHER_MILLIS} ms; 500 ms on the embedded database) and writes
 * what has gathered at once: by {@code COPY} on PostgreSQL, as multi-row INSERTs on H2; one commit per batch instead
 * of one per read. The queue is lock-free and the writer is never woken by a read, so a read does not
 * pay for a thread switch (measured serving full GETs: with a blocking queue, its lock and the writer's wake-ups,
 * the access log took 5.7% of the server's CPU; now 2.5%). A full queue makes the reader write its own row, so
 * none is dropped. Rows still queued when the process is killed are lost: at most the last interval or two of reads.
 */
@Repository
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final String COLUMNS = """
            insert into access_log (read_at, client_id, tenant_id, call_id, recording_id, kind, via, range_start,
              range_end, bytes, remote_addr, reason)
            values """;
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT = COLUMNS + ROW;
    private static final int COLUMN_COUNT = 12;
    /** 1,000 rows of 12 parameters stay well under PostgreSQL's 32,767 parameters per statement. */
    private static final int BATCH = 1000;
    static final long GATHER_MILLIS = 50;
    /** Rows waiting beyond this are written by the reader itself. */
    private static final int CAPACITY = 50_000;

    private static final String COPY = "copy access_log (read_at, client_id, tenant_id, call_id, recording_id, kind, via,"
            + " range_start, range_end, bytes, remote_addr, reason) from stdin (format csv)";

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Clock clock;
    private final long gatherNanos;
    private final Queue<Object[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public AccessLog(JdbcTemplate jdbc, Clock clock,
            @Value("${callvault.audit.gather-interval:" + GATHER_MILLIS + "ms}") Duration gatherInterval) {
        this.jdbc = jdbc;
        this.postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> c.isWrapperFor(PGConnection.class)));
        this.clock = clock;
        this.gatherNanos = gatherInterval.toNanos();
        this.writer = new Thread(this::drain, "access-log-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** @param rangeStart first byte served; rangeEnd the last (inclusive); both null for a whole-body read */
    public void record(AccessEvent read, Long rangeStart, Long rangeEnd, long bytes) {
        Object[] row = {OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), read.clientId(), read.tenantId(),
                read.callId(), read.recordingId(), read.kind().wireName(), read.via().wireName(), rangeStart, rangeEnd, bytes, read.remoteAddress(),
                null};
        queued.incrementAndGet();
        if (pending.incrementAndGet() > CAPACITY) {
            pending.decrementAndGet();
            write(List.<Object[]>of(row));
            return;
        }
        queue.add(row);
    }

    /**
     * Records a change to the archive (kind {@code delete}, {@code hold}, {@code release}) with who asked and why.
     * Written at once, not queued: a deletion must never go unrecorded.
     */
    public void recordChange(AccessEvent change, String reason) {
        Object[] row = {OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), change.clientId(),
                change.tenantId(), change.callId(), change.recordingId(), change.kind().wireName(), change.via().wireName(), null, null, 0L,
                change.remoteAddress(), reason};
        jdbc.update(INSERT, row);
    }

    /** Waits until every row recorded so far is in the database (for tests and shutdown). */
    public void flush() {
        long target = queued.get();
        LockSupport.unpark(writer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written.get() < target && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        flush();
        running = false;
        LockSupport.unpark(writer);
        writer.join(5000);
    }

    private void drain() {
        while (running) {
            LockSupport.parkNanos(gatherNanos);
            writeQueued();
        }
        writeQueued();
    }

    private void writeQueued() {
        List<Object[]> batch = new ArrayList<>();
        Object[] row;
        while ((row = queue.poll()) != null) {
            batch.add(row);
            if (batch.size() == BATCH) {
                pending.addAndGet(-batch.size());
                write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            pending.addAndGet(-batch.size());
            write(batch);
        }
    }

    private void write(List<Object[]> rows) {
        try {
            if (postgres) {
                copy(rows);
                return;
            }
            StringBuilder sql = new StringBuilder(COLUMNS.length() + rows.size() * (ROW.length() + 2)).append(COLUMNS);
            Object[] parameters = new Object[rows.size() * COLUMN_COUNT];
            for (int i = 0; i < rows.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(ROW);
                System.arraycopy(rows.get(i), 0, parameters, i * COLUMN_COUNT, COLUMN_COUNT);
            }
            jdbc.update(sql.toString(), parameters);
        } catch (RuntimeException e) {
            log.error("could not write {} access-log row(s): {}", rows.size(), e.toString());
        } finally {
            written.addAndGet(rows.size());
        }
    }

    /**
     * PostgreSQL takes a batch by {@code COPY}: its backends spent about 16 µs of CPU per row parsing and planning
     * 1,000-row INSERTs (docs/performance.md, tenth round). One CSV line per row; null is an empty unquoted field,
     * every text is quoted.
     */
    private void copy(List<Object[]> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 200);
        for (Object[] row : rows) {
            for (int i = 0; i < COLUMN_COUNT; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = row[i];
                if (value instanceof Number number) {
                    csv.append(number);
                } else if (value != null) {
                    csv.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new SQLException("could not copy access-log rows", e);
            }
        });
    }
}
