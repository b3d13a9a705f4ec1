package io.callvault.audit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (the "Binary Format" of PostgreSQL's COPY page): a signature,
 * then per row its field count and each field as a length and its bytes, big-endian. The access log's columns are
 * {@code bigint} (a {@link Long}: 8 bytes), text ({@link String}: its UTF-8 bytes, the connection's client encoding)
 * and {@code timestamp with time zone} ({@link OffsetDateTime}: microseconds since 2000-01-01 UTC). Text CSV cost
 * the writer thread its encoding char by char, and PostgreSQL its parsing of every number and time (a third more
 * per row than this, measured on 200,000 access-log rows: docs/performance.md, eighteenth round).
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for times. */
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    private byte[] buffer;
    private int length;

    BinaryCopy(int expectedRows) {
        buffer = new byte[64 + expectedRows * 256]; // an access-log row is about 200 bytes
        append(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // no header extension
    }

    /** One row: each value null, a Long, a String or an OffsetDateTime, in the COPY statement's column order. */
    BinaryCopy row(Object... values) {
        putShort(values.length);
        for (Object value : values) {
            field(value);
        }
        return this;
    }

    /** Starts a row of this many fields, given one by one with {@link #field}. */
    BinaryCopy row(int fields) {
        putShort(fields);
        return this;
    }

    BinaryCopy field(Object value) {
        if (value == null) {
            putInt(-1);
        } else if (value instanceof Long number) {
            putInt(8);
            putLong(number);
        } else if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            append(bytes);
        } else if (value instanceof OffsetDateTime time) {
            putInt(8);
            putLong(micros(time.toInstant()));
        } else {
            throw new IllegalArgumentException("no binary COPY encoding for " + value.getClass().getName());
        }
        return this;
    }

    /** The rows so far and the format's trailer, to hand to {@code CopyManager.copyIn}. */
    InputStream finish() {
        putShort(-1);
        return new ByteArrayInputStream(buffer, 0, length);
    }

    /** Rounded to the microsecond, as PostgreSQL rounds a time given as text. */
    static long micros(Instant at) {
        return (at.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000L + (at.getNano() + 500) / 1000;
    }

    private void putShort(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
