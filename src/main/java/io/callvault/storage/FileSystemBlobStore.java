package io.callvault.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.callvault.server.OwnerOnly;

/**
 * Blobs as files under {@code <data>/audio}. A staged file is fsynced, atomically renamed into place, and its
 * directory fsynced, so a crash leaves either the whole file or none of it.
 */
public class FileSystemBlobStore implements BlobStore {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** An fsync of a folder; a test passes its own to hold an upload at that moment or to record the folders. */
    interface FolderSync {
        void sync(Path folder) throws IOException;
    }

    private final Path root;
    private final FolderSync folderSync;
    /**
     * Folders made by an upload whose entry in their parent is not yet fsynced. Another upload may rename its file
     * into such a folder in that moment; on a filesystem without a journal (where one fsync does not commit the
     * other's mkdir) it must sync the folder's entry itself before it is acknowledged, or a crash could take its
     * acknowledged recording away with the folder.
     */
    private final Set<Path> unsyncedFolders = ConcurrentHashMap.newKeySet();

    public FileSystemBlobStore(Path root) throws IOException {
        this(root, FileSync::directory);
    }

    FileSystemBlobStore(Path root, FolderSync folderSync) throws IOException {
        this.root = OwnerOnly.folders(root).toRealPath();
        this.folderSync = folderSync;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void store(Path stagedFile, String key) throws IOException {
        Path target = resolve(key);
        try (FileChannel channel = FileChannel.open(stagedFile, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        List<Path> made = List.of();
        try {
            moveIntoPlace(stagedFile, target);
        } catch (NoSuchFileException e) {
            // the first recording under this key's prefix: its folders are made, then the move is retried
            made = makeFolders(target.getParent());
            moveIntoPlace(stagedFile, target);
        }
        folderSync.sync(target.getParent());
        // the folders' entries in their parents, synced after the file's: on a journaling filesystem the first sync
        // commits them all, and these find nothing left to write (one journal commit per upload, not one per folder)
        for (Path folder : unsynced(target.getParent(), made)) {
            folderSync.sync(folder.getParent());
            unsyncedFolders.remove(folder);
        }
    }

    /** The folders this upload made, and those above its file that another upload made and has not yet synced. */
    private List<Path> unsynced(Path folder, List<Path> made) {
        if (unsyncedFolders.isEmpty()) {
            return made;
        }
        List<Path> unsynced = new ArrayList<>(made);
        for (Path f = folder; !f.equals(root); f = f.getParent()) {
            if (!unsynced.contains(f) && unsyncedFolders.contains(f)) {
                unsynced.add(f);
            }
        }
        return unsynced;
    }

    private static void moveIntoPlace(Path stagedFile, Path target) throws IOException {
        try {
            Files.move(stagedFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("staging folder and audio folder must be on one filesystem", e);
        }
    }

    /**
     * Makes the missing folders down to {@code folder}, answering them (and one a concurrent upload made a moment
     * ago), each to be fsynced into its parent before the upload is acknowledged: without that, a crash could take a
     * new folder away together with the recording just acknowledged in it (the recording's own fsyncs do not cover
     * its folders' entries).
     */
    private List<Path> makeFolders(Path folder) throws IOException {
        if (folder.equals(root) || Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> made = new ArrayList<>(makeFolders(folder.getParent()));
        unsyncedFolders.add(folder); // before the mkdir: an upload that finds the folder finds it marked
        try {
            Files.createDirectory(folder, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent upload a moment ago: synced all the same
        }
        made.add(folder);
        return made;
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(resolve(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new java.io.FileNotFoundException(key);
        }
        if (channel.size() < offset + length) {
            channel.close();
            throw new java.io.FileNotFoundException(key + " holds fewer bytes than asked for");
        }
        channel.position(offset);
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public Optional<Path> localFile(String key) {
        return Optional.of(resolve(key));
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(Files.size(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public Stream<StoredBlob> list() throws IOException {
        return Files.walk(root, 3)
                .filter(Files::isRegularFile)
                .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
                .filter(StorageKey::isValid)
                .flatMap(key -> {
                    try {
                        Path file = root.resolve(key);
                        return Stream.of(new StoredBlob(key, Files.size(file), Files.getLastModifiedTime(file).toInstant()));
                    } catch (IOException vanished) {
                        return Stream.empty();
                    }
                });
    }

    private Path resolve(String key) {
        return root.resolve(StorageKey.require(key));
    }
}
