package io.callvault.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.callvault.server.CallVaultProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin token: {@code CALLVAULT_ADMIN_TOKEN} when set; otherwise generated on first start, kept in
 * {@code <data>/admin-token} (mode 0600) and printed once. Only its hash stays in memory.
 */
@Component
public class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final String hash;

    public AdminToken(CallVaultProperties properties) throws IOException {
        String configured = properties.adminToken();
        if (configured != null && !configured.isBlank()) {
            this.hash = Secrets.sha256(configured.strip());
            return;
        }
        Path file = Files.createDirectories(properties.dataDir()).resolve("admin-token");
        if (!Files.exists(file)) {
            String token = Secrets.newToken("cva_");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
                System.out.println("CallVault admin token (shown once, kept in " + file.toAbsolutePath() + "): " + token);
                System.out.println("With it, the server's page (/) makes the first person who signs in there.");
                log.info("generated a new admin token in {}", file.toAbsolutePath());
            } catch (FileAlreadyExistsException raced) {
                // made by a process that started at the same moment: read theirs below
            } catch (UnsupportedOperationException noPosix) {
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            }
        }
        this.hash = Secrets.sha256(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    public boolean matches(String presented) {
        return presented != null && Secrets.sameHash(hash, Secrets.sha256(presented));
    }
}
