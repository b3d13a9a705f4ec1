package io.callvault.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Durable storage of audio files. An upload is first written to a local staging file (see {@link StagingArea}),
 * checked there, then handed to {@link #store}; only when that returns are the bytes durable.
 */
public interface BlobStore {

    /** The name rows record their store by: {@code filesystem} or {@code s3}. */
    String name();

    /** Makes the staged file durable under {@code key}. The staging file is consumed (moved or deleted). */
    void store(Path stagedFile, String key) throws IOException;

    /**
     * Opens {@code length} bytes of the blob starting at {@code offset}; {@link java.io.FileNotFoundException} when the
     * blob is missing or ends before them, thrown before any of its bytes are read.
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /**
     * As {@link #open}, for a blob the catalog says holds at least {@code storedSize} bytes: {@link
     * java.io.FileNotFoundException} also when it holds fewer, whichever part is asked for, since a shortened blob is
     * damaged, not partly there. A store that can tell with the read itself overrides this.
     */
    default InputStream openStored(String key, long storedSize, long offset, long length) throws IOException {
        Optional<Long> size = size(key);
        if (size.isEmpty() || size.get() < storedSize) {
            throw new java.io.FileNotFoundException(key + " holds fewer bytes than were stored");
        }
        return open(key, offset, length);
    }

    /** Whether the blobs are files on this machine ({@link #localFile} answers for each): a check of one is cheap. */
    default boolean isLocal() {
        return false;
    }

    /** The blob as a local file, when it is one: lets byte serving use zero-copy sendfile. */
    Optional<Path> localFile(String key);

    /** The blob's size in bytes, or empty when it is missing. */
    Optional<Long> size(String key) throws IOException;

    void delete(String key) throws IOException;

    /** Every blob this store holds under a CallVault key. The stream must be closed. */
    Stream<StoredBlob> list() throws IOException;

    /** A short-lived URL that serves the blob without CallVault, where the store can make one. */
    default Optional<URI> presign(String key, Duration ttl, String contentType, String contentDisposition) {
        return Optional.empty();
    }
}
