package io.callvault.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.StoredAudio;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;

import org.junit.jupiter.api.Test;

/**
 * What someone who reads the database or the disk could use against the archive: the playback key is not in the
 * database, no URL can be made to live longer than the longest TTL even with the key, and the data folder is
 * owner-only.
 */
class SecretsAtRestHttpTest extends HttpTestBase {

    @Test
    void theDatabaseHoldsNoPlaybackKey() {
        assertThat(jdbc.sql("select count(*) from information_schema.tables where lower(table_name) = 'server_secrets'")
                .query(Long.class).single()).isZero();
        Path key = TestDatabase.dataDir().resolve("playback-key");
        assertThat(key).exists();
        assertThat(permissions(key)).isEqualTo("rw-------");
    }

    @Test
    void aUrlLivingLongerThanTheLongestTtlIsRefusedEvenWhenGenuinelySigned() throws Exception {
        String tenant = api.tenant("forge");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 400)).get("id").asString();
        byte[] key = Files.readString(TestDatabase.dataDir().resolve("playback-key")).strip().getBytes(StandardCharsets.UTF_8);
        String path = "/v1/tenants/" + tenant + "/recordings/" + id + "/audio";
        long inAnHour = clock.instant().getEpochSecond() + 3500;
        long inTenYears = clock.instant().getEpochSecond() + 10L * 365 * 86400;
        assertThat(api.get(path + signed(key, tenant, id, inAnHour, client.clientId())).status())
                .as("the test signs as the server does").isEqualTo(200);
        assertThat(api.get(path + signed(key, tenant, id, inTenYears, client.clientId())).status()).isEqualTo(403);
        assertThat(api.json("POST", path.replace("/audio", "/playback-url"), "{\"ttlSeconds\":3601}",
                "Authorization", client.bearer()).status()).isEqualTo(400);
    }

    @org.springframework.beans.factory.annotation.Value("${callvault.live.dir}")
    String liveDir;

    @Test
    void theDataFolderAndWhatItHoldsAreOwnerOnly() throws Exception {
        String tenant = api.tenant("modes");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 400)).get("id").asString();
        Path data = TestDatabase.dataDir();
        assertThat(permissions(data)).isEqualTo("rwx------");
        try (Stream<Path> entries = Files.list(data)) {
            for (Path entry : entries.toList()) {
                assertThat(permissions(entry)).as(entry.toString()).endsWith("------");
            }
        }
        // the live folder (its own per test server): session files, journal, node id and lock
        try (Stream<Path> live = Files.walk(Path.of(liveDir))) {
            for (Path entry : live.toList()) {
                assertThat(permissions(entry)).as(entry.toString()).endsWith("------");
            }
        }
        if (!TestDatabase.postgres()) {
            try (Stream<Path> db = Files.list(data.resolve("db"))) {
                for (Path file : db.toList()) {
                    assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------");
                }
            }
        }
        StoredAudio.Location at = stored.of(id);
        if (at.store().equals("filesystem")) {
            assertThat(permissions(StoredAudio.file(at.key()))).isEqualTo("rw-------");
            assertThat(permissions(StoredAudio.file(at.key()).getParent())).isEqualTo("rwx------");
        }
    }

    @Test
    void playbackUrlsAreBuiltFromTheAddressReachedNeverTheHostHeader() {
        String tenant = api.tenant("host");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 400)).get("id").asString();
        String url = api.json("POST", "/v1/tenants/" + tenant + "/recordings/" + id + "/playback-url", "{}",
                "Authorization", client.bearer(), "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https")
                .json().get("url").asString();
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/v1/tenants/");
        assertThat(api.get(url).status()).isEqualTo(200);
    }

    @Test
    void forwardedAddressesFromAnUntrustedPeerAreIgnored() {
        String tenant = api.tenant("xff");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 400)).get("id").asString();
        api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer(),
                "X-Forwarded-For", "192.0.2.66");
        assertThat(audited().sql("select remote_addr from access_log where recording_id = ?").param(id)
                .query(String.class).single()).isEqualTo("127.0.0.1");
    }

    private static String signed(byte[] key, String tenant, String recording, long expires, String clientId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((tenant + "\n" + recording + "\n" + expires + "\n" + clientId)
                .getBytes(StandardCharsets.UTF_8)));
        return "?expires=" + expires + "&client=" + clientId + "&sig=" + sig;
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
