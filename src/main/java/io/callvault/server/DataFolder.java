package io.callvault.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The data folder holds people's calls and the server's keys: once the server is up, the folder and what lies
 * directly in it and in {@code db/} are made owner-only, which also mends a folder made by an older version under
 * a permissive umask. Audio and staged files are made owner-only when they are written.
 */
@Component
class DataFolder {

    private final CallVaultProperties properties;

    DataFolder(CallVaultProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) throws IOException {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        OwnerOnly.restrict(dataDir);
        restrictEntries(dataDir);
        Path db = dataDir.resolve("db");
        if (Files.isDirectory(db)) {
            restrictEntries(db);
        }
    }

    private static void restrictEntries(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                if (!Files.isSymbolicLink(entry)) {
                    OwnerOnly.restrict(entry);
                }
            }
        }
    }
}
