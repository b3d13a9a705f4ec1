package io.callvault.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder holds recordings of people's calls and the server's keys: its folders are made 0700 and its files
 * 0600, whatever the umask (a umask only takes bits away, and these ask for none beyond the owner's). On a
 * filesystem without POSIX permissions the calls make plain folders and files.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Makes the folder and any missing parents owner-only (parents that exist are left as they are). */
    public static Path folders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        if (absolute.getParent() != null) {
            folders(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, attribute(FOLDER));
        } catch (FileAlreadyExistsException raced) {
            // made at the same moment by another thread or process
        } catch (UnsupportedOperationException noPosix) {
            Files.createDirectories(absolute);
        }
        return absolute;
    }

    /** A new, empty owner-only file; fails when it exists. */
    public static Path newFile(Path file) throws IOException {
        try {
            return Files.createFile(file, attribute(FILE));
        } catch (UnsupportedOperationException noPosix) {
            return Files.createFile(file);
        }
    }

    /** Takes group and other permissions off a file that someone else (the database) made. */
    public static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
        } catch (UnsupportedOperationException noPosix) {
            // nothing to restrict
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
