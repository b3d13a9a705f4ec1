package io.callvault.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callvault.server.CallVaultProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of playback-URL signatures, never in the database (whoever reads it could forge URLs): from
 * {@code CALLVAULT_PLAYBACK_KEY} (every node of a deployment sets the same), else from {@code <data>/playback-key}
 * (0600, made on first start). URLs are signed with the current key; a previous key still verifies the URLs it
 * signed until they have all expired: {@code CALLVAULT_PLAYBACK_PREVIOUS_KEY} for as long as it is set, or
 * {@code <data>/playback-key.previous} for the longest TTL after the rotation that made it.
 */
@Component
public class PlaybackKeys {

    /** The longest time to live of a playback URL (contract 2). */
    public static final Duration LONGEST_TTL = Duration.ofHours(1);

    private final byte[] current;
    private final byte[] previous;
    private final Instant previousUntil;
    private final Clock clock;

    public PlaybackKeys(CallVaultProperties properties, @Value("${callvault.playback.key:}") String key,
            @Value("${callvault.playback.previous-key:}") String previousKey, Clock clock) throws IOException {
        this.clock = clock;
        this.current = KeyFile.read(key, "CALLVAULT_PLAYBACK_KEY", properties.dataDir().resolve("playback-key"));
        if (!key.isBlank()) {
            this.previous = previousKey.isBlank() ? null : KeyFile.checked(previousKey, "CALLVAULT_PLAYBACK_PREVIOUS_KEY");
            this.previousUntil = Instant.MAX;
            return;
        }
        Path old = properties.dataDir().resolve("playback-key.previous");
        if (Files.exists(old)) {
            this.previous = KeyFile.checked(Files.readString(old, StandardCharsets.UTF_8).strip(), old.toString());
            this.previousUntil = Files.getLastModifiedTime(old).toInstant().plus(LONGEST_TTL);
        } else {
            this.previous = null;
            this.previousUntil = Instant.MIN;
        }
    }

    byte[] signing() {
        return current;
    }

    List<byte[]> verifying() {
        List<byte[]> keys = new ArrayList<>(2);
        keys.add(current);
        if (previous != null && clock.instant().isBefore(previousUntil)) {
            keys.add(previous);
        }
        return keys;
    }

    /**
     * {@code playback-key rotate}: the current key file becomes the previous one (good for the longest TTL from now)
     * and a new key is made. Servers read the keys when they start.
     */
    public static void rotate(Path dataDir) throws IOException {
        Path file = dataDir.resolve("playback-key");
        Path old = dataDir.resolve("playback-key.previous");
        Files.deleteIfExists(old);
        if (Files.exists(file)) {
            KeyFile.write(old, Files.readString(file, StandardCharsets.UTF_8).strip());
            Files.delete(file);
        }
        KeyFile.write(file, Secrets.newToken(""));
    }
}
