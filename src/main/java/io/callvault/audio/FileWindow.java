package io.callvault.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random reads from a file through one 64 KiB window, so that scanning millions of MP3 frame headers stays cheap. */
final class FileWindow {

    private static final int SIZE = 64 * 1024;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocate(SIZE);
    private long windowStart = -1;
    private int windowLength;

    FileWindow(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    long size() {
        return size;
    }

    /** Copies {@code length} bytes at {@code position} into {@code target}; fewer when the file ends first. */
    int read(long position, byte[] target, int length) throws IOException {
        int copied = 0;
        while (copied < length && position + copied < size) {
            long at = position + copied;
            if (windowStart < 0 || at < windowStart || at >= windowStart + windowLength) {
                fill(at);
            }
            int offset = (int) (at - windowStart);
            int n = Math.min(length - copied, windowLength - offset);
            System.arraycopy(window.array(), offset, target, copied, n);
            copied += n;
        }
        return copied;
    }

    private void fill(long position) throws IOException {
        window.clear();
        int n = 0;
        while (window.hasRemaining() && position + n < size) {
            int r = channel.read(window, position + n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        if (n == 0) {
            throw new EOFException("read past end of file at " + position);
        }
        windowStart = position;
        windowLength = n;
    }
}
