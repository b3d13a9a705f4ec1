package io.callvault.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Writes one row per successful audio read: who, tenant, recording, bytes, play or download, when, from where.
 * Reads are the hot path, so rows are queued and written by one writer thread, which wakes every
 * {@code callvault.audit.gather-interval} ({@value #GATHER_MILLIS} ms) and writes what has gathered at once: by
 * binary {@code COPY} on PostgreSQL ({@link BinaryCopy}), as multi-row INSERTs on H2; one commit per batch instead
 * of one per read. The queue is lock-free and the writer is never woken by a read, so a read does not
 * pay for a thread switch (measured serving full GETs: with a blocking queue, its lock and the writer's wake-ups,
 * the access log took 5.7% of the server's CPU; now 2.5%). A full queue makes the reader write its own row, so
 * none is dropped. Rows still queued when the process is killed outright are lost: at most the last interval or two
 * of reads, about a second (a SIGTERM writes them first).
 *
 * <p>With each batch, in the same transaction, go its runs: for each recording (or call) and client the batch read,
 * the first and last id its rows took and the first and last time they were read; and its spans, the same for each
 * tenant and client (whose rows of a batch take consecutive ids). {@link AccessTrail} finds a recording's and a call's
 * reads through the runs, a tenant's and a client's through the spans; per-row indexes by each cost the embedded
 * default's writer most of a row (docs/performance.md, twelfth to sixteenth rounds), where a player seeking through a
 * recording makes one run of many reads, and a gathering one span per tenant and client.
 */
@Component // not @Repository: its exception-translating proxy put reflection into every read (JdbcTemplate translates already)
public class AccessLog {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final String COLUMN_NAMES = "read_at, client_id, tenant_id, call_id, recording_id, kind, via,"
            + " range_start, range_end, bytes, remote_addr, reason";
    private static final String INSERT = "insert into access_log (" + COLUMN_NAMES + ") values ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int COLUMN_COUNT = 12;
    private static final int READ_AT = 0;
    private static final int CLIENT = 1;
    private static final int TENANT = 2;
    private static final int CALL = 3;
    private static final int RECORDING = 4;
    private static final String COPY = "copy access_log (id, " + COLUMN_NAMES + ") from stdin (format binary)";
    private static final String ID_SEQUENCE = "select pg_get_serial_sequence('access_log', 'id')";
    private static final String RUN_COLUMNS = "tenant_id, call_id, recording_id, client_id, first_id, last_id, first_at,"
            + " last_at";
    private static final String INSERT_RUNS = "insert into access_log_runs (" + RUN_COLUMNS + ") values ";
    private static final String COPY_RUNS = "copy access_log_runs (" + RUN_COLUMNS + ") from stdin (format binary)";
    private static final String SPAN_COLUMNS = "tenant_id, client_id, first_id, last_id, first_at, last_at";
    private static final String INSERT_SPANS = "insert into access_log_spans (" + SPAN_COLUMNS + ") values ";
    private static final String COPY_SPANS = "copy access_log_spans (" + SPAN_COLUMNS + ") from stdin (format binary)";
    /** 1,000 rows of 12 parameters stay well under PostgreSQL's 32,767 parameters per statement. */
    private static final int BATCH = 1000;
    /** Rows written in one transaction at the most. */
    private static final int TRANSACTION = 10 * BATCH;
    /**
     * Within the second the product holds itself to for data arriving continuously (live audio is durable within
     * 1 s): a gathering of 500 ms is written and committed well inside it. At 50 ms (PostgreSQL's interval before)
     * a node serving a thousand recordings at once wrote about a run per two reads, and each run's two index entries
     * cost PostgreSQL more than the row itself (docs/performance.md, eighteenth round); H2 gathered 500 ms already.
     */
    static final long GATHER_MILLIS = 500;
    /**
     * A run or a span covers fewer ids than this (a longer one is cut in two), so that {@link AccessTrail} starts the
     * walk of the runs for a page after a cursor this far above it, instead of at the newest run. Above the
     * {@value #TRANSACTION} rows of one transaction, so that only runs whose ids other nodes took turns with are cut
     * (at 4,096 a recording read all through a gathering was cut in three, and the writer's cost per row rose by a
     * quarter).
     */
    static final long RUN_SPAN = 16_384;
    /** Rows waiting beyond this are written by the reader itself. */
    private static final int CAPACITY = 50_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final boolean postgres;
    private final Clock clock;
    private final long gatherNanos;
    private final Queue<Object[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    /** PostgreSQL: the statement that takes a batch's ids, in order, from the id column's own sequence. */
    private volatile String reserveIds;

    public AccessLog(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock,
            @Value("${callvault.audit.gather-interval:" + GATHER_MILLIS + "ms}") Duration gatherInterval) {
        this.jdbc = jdbc;
        this.tx = tx;
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
     * Written at once, not queued, and a failure is thrown to the caller: a deletion must never go unrecorded.
     */
    public void recordChange(AccessEvent change, String reason) {
        Object[] row = {OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), change.clientId(),
                change.tenantId(), change.callId(), change.recordingId(), change.kind().wireName(), change.via().wireName(), null, null, 0L,
                change.remoteAddress(), reason};
        store(List.<Object[]>of(row));
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
            if (batch.size() == TRANSACTION) {
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
            storeOrSplit(rows);
        } catch (RuntimeException e) {
            log.error("could not write {} access-log row(s): {}", rows.size(), e.toString());
        } finally {
            written.addAndGet(rows.size());
        }
    }

    /**
     * A row the database refuses (a value it will not take) fails its whole transaction: the gathering is then
     * written in halves, and halves of those, so that only that row is lost, not the thousands beside it.
     */
    private void storeOrSplit(List<Object[]> rows) {
        try {
            store(rows);
        } catch (DataIntegrityViolationException e) {
            if (rows.size() == 1) {
                log.error("the database refused an access-log row of tenant {}, recording {}: {}", rows.get(0)[TENANT],
                        rows.get(0)[RECORDING], e.getMostSpecificCause().toString());
                return;
            }
            storeOrSplit(rows.subList(0, rows.size() / 2));
            storeOrSplit(rows.subList(rows.size() / 2, rows.size()));
        }
    }

    /**
     * The rows and their runs, in one transaction: the fewer runs a transaction has, the cheaper (each lands at its
     * own place in the runs' indexes), so a whole gathering of up to {@value #TRANSACTION} rows is one.
     */
    private void store(List<Object[]> gathered) {
        // a tenant's and client's rows of the gathering take consecutive ids, in the order they came: a tenant's or a
        // client's page is then read off its spans without passing over others' rows (the sort is stable)
        List<Object[]> rows = new ArrayList<>(gathered);
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        rows.sort(Comparator.comparing((Object[] row) -> (String) row[TENANT], nullsFirst)
                .thenComparing(row -> (String) row[CLIENT], nullsFirst));
        tx.executeWithoutResult(status -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            long[] ids = new long[rows.size()];
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
                long[] chunkIds = postgres ? copy(connection, chunk) : insert(connection, chunk);
                System.arraycopy(chunkIds, 0, ids, from, chunkIds.length);
            }
            writeGroups(connection, runs(rows, ids), COPY_RUNS, INSERT_RUNS, "(?, ?, ?, ?, ?, ?, ?, ?)");
            writeGroups(connection, spans(rows, ids), COPY_SPANS, INSERT_SPANS, "(?, ?, ?, ?, ?, ?)");
            return null;
        }));
    }

    /** Runs or spans: by {@code COPY} on PostgreSQL, else by multi-row INSERTs, {@value #BATCH} at a time. */
    private void writeGroups(Connection connection, List<Object[]> values, String copy, String insert, String placeholders)
            throws SQLException {
        for (int from = 0; from < values.size(); from += BATCH) {
            List<Object[]> chunk = values.subList(from, Math.min(values.size(), from + BATCH));
            if (postgres) {
                copyIn(connection, copy, chunk);
            } else {
                insert(connection, insert, placeholders, chunk, false);
            }
        }
    }

    /**
     * One run per recording (or call, where no recording) and client in the batch: its tenant, call, recording,
     * client, first and last id, first and last time read. Every row is in a run of its tenant, call, recording and
     * client, within its ids and times, which is what lets {@link AccessTrail} find a recording's or a call's page
     * and pass over the runs outside a period.
     */
    static List<Object[]> runs(List<Object[]> rows, long[] ids) {
        return grouped(rows, ids, TENANT, CALL, RECORDING, CLIENT);
    }

    /** One span per tenant and client in the batch: its tenant, client, first and last id, first and last time read. */
    static List<Object[]> spans(List<Object[]> rows, long[] ids) {
        return grouped(rows, ids, TENANT, CLIENT);
    }

    /**
     * The rows grouped by the values of these columns, each group with the first and last id and time of its rows,
     * cut where it would span {@value #RUN_SPAN} ids or more.
     */
    private static List<Object[]> grouped(List<Object[]> rows, long[] ids, int... columns) {
        Map<GroupKey, Group> open = new HashMap<>();
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            long id = ids[i];
            OffsetDateTime at = (OffsetDateTime) row[READ_AT];
            GroupKey key = new GroupKey(row[columns[0]], row[columns[1]], columns.length > 2 ? row[columns[2]] : null,
                    columns.length > 3 ? row[columns[3]] : null);
            Group group = open.get(key);
            if (group == null || Math.max(id, group.lastId) - Math.min(id, group.firstId) >= RUN_SPAN) {
                Object[] values = new Object[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    values[c] = row[columns[c]];
                }
                group = new Group(values, id, at);
                open.put(key, group);
                groups.add(group);
            } else {
                group.add(id, at);
            }
        }
        return groups.stream().map(Group::columns).toList();
    }

    /** A run or span being gathered: its values, and the ids and times of its rows so far (unboxed until written). */
    private static final class Group {

        private final Object[] values;
        private long firstId;
        private long lastId;
        private OffsetDateTime firstAt;
        private OffsetDateTime lastAt;

        Group(Object[] values, long id, OffsetDateTime at) {
            this.values = values;
            this.firstId = id;
            this.lastId = id;
            this.firstAt = at;
            this.lastAt = at;
        }

        void add(long id, OffsetDateTime at) {
            firstId = Math.min(firstId, id);
            lastId = Math.max(lastId, id);
            firstAt = at.isBefore(firstAt) ? at : firstAt;
            lastAt = at.isAfter(lastAt) ? at : lastAt;
        }

        /** Its values, then first and last id, first and last time: the columns of the COPY or INSERT. */
        Object[] columns() {
            Object[] columns = Arrays.copyOf(values, values.length + 4);
            columns[values.length] = firstId;
            columns[values.length + 1] = lastId;
            columns[values.length + 2] = firstAt;
            columns[values.length + 3] = lastAt;
            return columns;
        }
    }

    /** The values a run or a span is grouped by (two or four of them; the others null). */
    private record GroupKey(Object first, Object second, Object third, Object fourth) {
    }

    /** H2: one multi-row INSERT; the ids H2 gave the rows, in their order. */
    private static long[] insert(Connection connection, List<Object[]> rows) throws SQLException {
        return insert(connection, INSERT, ROW, rows, true);
    }

    private static long[] insert(Connection connection, String insert, String placeholders, List<Object[]> rows,
            boolean keys) throws SQLException {
        StringBuilder sql = new StringBuilder(insert.length() + rows.size() * (placeholders.length() + 2)).append(insert);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(placeholders);
        }
        try (PreparedStatement statement = keys ? connection.prepareStatement(sql.toString(), Statement.RETURN_GENERATED_KEYS)
                : connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    statement.setObject(parameter++, value);
                }
            }
            statement.executeUpdate();
            if (!keys) {
                return new long[0];
            }
            long[] ids = new long[rows.size()];
            int n = 0;
            try (ResultSet generated = statement.getGeneratedKeys()) {
                while (generated.next() && n < ids.length) {
                    ids[n++] = generated.getLong(1);
                }
            }
            if (n != ids.length) {
                throw new SQLException("the database gave " + n + " ids for " + ids.length + " access-log rows");
            }
            return ids;
        }
    }

    /**
     * PostgreSQL takes a batch by {@code COPY}: its backends spent about 16 µs of CPU per row parsing and planning
     * 1,000-row INSERTs (docs/performance.md, tenth round). The ids are taken first, from the column's sequence,
     * so that the runs can name them.
     */
    private long[] copy(Connection connection, List<Object[]> rows) throws SQLException {
        long[] ids = new long[rows.size()];
        try (PreparedStatement reserve = connection.prepareStatement(reserveIds(connection))) {
            reserve.setInt(1, rows.size());
            try (ResultSet rs = reserve.executeQuery()) {
                for (int i = 0; i < ids.length && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        BinaryCopy copy = new BinaryCopy(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            copy.row(COLUMN_COUNT + 1).field(ids[i]);
            for (Object value : rows.get(i)) {
                copy.field(value);
            }
        }
        copyIn(connection, COPY, copy);
        return ids;
    }

    /**
     * The sequence is named once, not per id: {@code nextval(pg_get_serial_sequence(..))} looked it up in the catalog
     * for every row, a seventh of what the access log cost PostgreSQL while serving ranges (docs/performance.md,
     * sixteenth round). Its name is the database's own, quoted as a literal so that PostgreSQL resolves it when it
     * parses the statement.
     */
    private String reserveIds(Connection connection) throws SQLException {
        String statement = reserveIds;
        if (statement == null) {
            try (Statement query = connection.createStatement(); ResultSet rs = query.executeQuery(ID_SEQUENCE)) {
                rs.next();
                statement = "select nextval('" + rs.getString(1).replace("'", "''") + "') from generate_series(1, ?)"
                        + " order by 1";
            }
            reserveIds = statement;
        }
        return statement;
    }

    private static void copyIn(Connection connection, String copy, List<Object[]> rows) throws SQLException {
        BinaryCopy values = new BinaryCopy(rows.size());
        for (Object[] row : rows) {
            values.row(row);
        }
        copyIn(connection, copy, values);
    }

    private static void copyIn(Connection connection, String copy, BinaryCopy values) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, values.finish());
        } catch (IOException e) {
            throw new SQLException("could not copy access-log rows", e);
        }
    }
}
