package io.callvault.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.callvault.server.OwnerOnly;

/**
 * This node's identity, kept in its live folder ({@code <data>/live/node-id}, made on first start): live sessions
 * are captured on the node's own disk, so a restarted node finishes the sessions of its own id and no other's.
 */
final class LiveNode {

    private LiveNode() {
    }

    static String id(Path liveFolder) throws IOException {
        Path file = liveFolder.resolve("node-id");
        if (!Files.exists(file)) {
            OwnerOnly.newFile(file);
            Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
