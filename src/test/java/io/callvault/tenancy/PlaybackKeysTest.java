package io.callvault.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.callvault.server.CallVaultProperties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Playback keys: made owner-only on first start, rotated with the previous key verifying for the longest TTL. */
class PlaybackKeysTest {

    @TempDir
    Path data;

    @Test
    void rotationKeepsThePreviousKeyForTheLongestTtlOnly() throws Exception {
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        PlaybackKeys first = keys("", "", clock);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("playback-key"))))
                .isEqualTo("rw-------");
        byte[] original = first.signing();
        assertThat(keys("", "", clock).signing()).as("kept across starts").isEqualTo(original);

        PlaybackKeys.rotate(data);
        PlaybackKeys rotated = keys("", "", clock);
        assertThat(rotated.signing()).isNotEqualTo(original);
        assertThat(rotated.verifying()).hasSize(2).anySatisfy(k -> assertThat(k).isEqualTo(original));

        Files.setLastModifiedTime(data.resolve("playback-key.previous"),
                FileTime.from(clock.instant().minus(PlaybackKeys.LONGEST_TTL).minus(Duration.ofSeconds(1))));
        assertThat(keys("", "", clock).verifying()).as("past the longest TTL").hasSize(1);
    }

    @Test
    void keysFromTheEnvironmentWinAndMustBeLong() throws Exception {
        Clock clock = Clock.systemUTC();
        String current = "k".repeat(40);
        String previous = "p".repeat(40);
        PlaybackKeys keys = keys(current, previous, clock);
        assertThat(new String(keys.signing())).isEqualTo(current);
        assertThat(keys.verifying()).hasSize(2);
        assertThat(data.resolve("playback-key")).doesNotExist();
        assertThatThrownBy(() -> keys("short", "", clock)).hasMessageContaining("shorter than 32");
    }

    private PlaybackKeys keys(String key, String previous, Clock clock) throws Exception {
        return new PlaybackKeys(new CallVaultProperties(data, DataSize.ofMegabytes(1), ZoneId.of("UTC"), null, false,
                "filesystem"), key, previous, clock);
    }
}
