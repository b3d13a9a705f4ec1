package io.callvault.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import io.callvault.server.Sha256;
import io.callvault.storage.StagingArea;

/** An upload copied to a staging file, with its size and SHA-256 computed as the bytes went by. */
record StagedUpload(Path file, long size, String sha256) {

    /**
     * The socket hands over a few KB per read; gathering a full buffer before each write makes one write(2) of whole
     * pages instead of dozens of partial ones (measured: the kernel's write path was a third of an upload's CPU).
     */
    private static final int BUFFER = 128 * 1024;

    static StagedUpload copy(InputStream body, Path file, long maxBytes) throws IOException {
        MessageDigest digest = Sha256.digest();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(StagingArea.output(file), digest)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = body.readNBytes(buffer, 0, buffer.length)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw new PayloadTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return new StagedUpload(file, size, Sha256.hex(digest));
    }
}
