package io.callvault.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

import io.callvault.server.OwnerOnly;
import io.callvault.storage.FileSync;

/**
 * One append-only journal for every live session of this node: what makes live audio durable within the sync
 * interval without an fsync per session. Each session writes its audio to its own file (page cache only) and the
 * same bytes here; {@link #sync} writes what was appended since the last sync and fsyncs the journal once for all
 * sessions. A restart {@link #replay replays} the journal into the session files, so audio that reached the
 * journal's disk survives even when a session file's pages did not.
 *
 * <p>The journal is a run of segment files. {@link #rotate} starts a new segment; once every session file has
 * been fsynced after a rotation (a checkpoint), the segments before it hold nothing that is not on disk elsewhere
 * and {@link #deleteBefore} removes them.
 *
 * <p>A record: magic, session id (two longs), offset in the session's file, length, CRC-32C of all that and the
 * audio, then the audio. A torn record at a segment's end (a crash mid-write) fails its CRC and ends that segment.
 */
final class LiveJournal implements AutoCloseable {

    private static final int MAGIC = 0x4C564A31; // "LVJ1"
    private static final int HEADER = 4 + 16 + 8 + 4 + 4;
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";

    /** Where a replayed record's bytes go. */
    interface Sink {
        void write(UUID session, long offset, ByteBuffer audio) throws IOException;
    }

    private final Path dir;
    /** Guards the pending batch; held only to copy bytes in or to swap buffers. */
    private final Object appendLock = new Object();
    /** Guards the segment: one sync or rotation at a time. */
    private final Object segmentLock = new Object();
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;
    private long oldestPendingNanos;
    private byte[] spare = new byte[64 * 1024];
    private long segmentNumber;
    private FileChannel segment;

    LiveJournal(Path dir) throws IOException {
        this.dir = OwnerOnly.folders(dir);
        this.segmentNumber = segments(this.dir).stream().mapToLong(LiveJournal::number).max().orElse(0) + 1;
        this.segment = open(segmentNumber);
    }

    /** Adds a copy of the audio to the next sync. */
    void append(UUID session, long offset, ByteBuffer audio) {
        int length = audio.remaining();
        CRC32C crc = new CRC32C();
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.putInt(MAGIC).putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits())
                .putLong(offset).putInt(length);
        crc.update(header.array(), 0, HEADER - 4);
        crc.update(audio.duplicate());
        header.putInt((int) crc.getValue());
        synchronized (appendLock) {
            ensureRoom(HEADER + length);
            if (pendingLength == 0) {
                oldestPendingNanos = System.nanoTime();
            }
            System.arraycopy(header.array(), 0, pending, pendingLength, HEADER);
            audio.duplicate().get(pending, pendingLength + HEADER, length);
            pendingLength += HEADER + length;
        }
    }

    private void ensureRoom(int more) {
        if (pendingLength + more > pending.length) {
            byte[] bigger = new byte[Math.max(pending.length * 2, pendingLength + more)];
            System.arraycopy(pending, 0, bigger, 0, pendingLength);
            pending = bigger;
        }
    }

    /**
     * Writes and fsyncs everything appended so far. Answers how long the oldest of those records waited to be
     * durable, in nanoseconds, or -1 when there was nothing to write.
     */
    long sync() throws IOException {
        synchronized (segmentLock) {
            byte[] batch;
            int length;
            long oldest;
            synchronized (appendLock) {
                if (pendingLength == 0) {
                    return -1;
                }
                batch = pending;
                length = pendingLength;
                oldest = oldestPendingNanos;
                pending = spare;
                pendingLength = 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(batch, 0, length);
            while (buffer.hasRemaining()) {
                segment.write(buffer);
            }
            segment.force(false);
            spare = batch;
            return System.nanoTime() - oldest;
        }
    }

    /** Starts a new segment; answers its number (the segments before it may be deleted after a checkpoint). */
    long rotate() throws IOException {
        synchronized (segmentLock) {
            FileChannel next = open(segmentNumber + 1);
            segment.close();
            segment = next;
            segmentNumber++;
            return segmentNumber;
        }
    }

    /** Removes the segments numbered below {@code number}. */
    void deleteBefore(long number) throws IOException {
        for (Path file : segments(dir)) {
            if (number(file) < number) {
                Files.deleteIfExists(file);
            }
        }
    }

    private FileChannel open(long number) throws IOException {
        Path file = OwnerOnly.newFile(dir.resolve(PREFIX + String.format("%012d", number) + SUFFIX));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileSync.directory(dir);
        return channel;
    }

    @Override
    public void close() throws IOException {
        synchronized (segmentLock) {
            segment.close();
        }
    }

    /** Hands every intact record of every segment, oldest first, to the sink. Answers how many there were. */
    static long replay(Path dir, Sink sink) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long records = 0;
        List<Path> files = segments(dir);
        files.sort(null);
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                records += replay(channel, sink);
            }
        }
        return records;
    }

    private static long replay(FileChannel channel, Sink sink) throws IOException {
        long records = 0;
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (true) {
            header.clear();
            if (!readFully(channel, header, position)) {
                return records;
            }
            header.flip();
            if (header.getInt() != MAGIC) {
                return records;
            }
            UUID session = new UUID(header.getLong(), header.getLong());
            long offset = header.getLong();
            int length = header.getInt();
            int expected = header.getInt();
            if (length < 0 || length > LiveSession.MAX_FRAME * 4 || offset < 0) {
                return records;
            }
            ByteBuffer audio = ByteBuffer.allocate(length);
            if (!readFully(channel, audio, position + HEADER)) {
                return records;
            }
            audio.flip();
            CRC32C crc = new CRC32C();
            crc.update(header.array(), 0, HEADER - 4);
            crc.update(audio.duplicate());
            if ((int) crc.getValue() != expected) {
                return records;
            }
            sink.write(session, offset, audio);
            records++;
            position += HEADER + length;
        }
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }

    private static List<Path> segments(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        return files;
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
