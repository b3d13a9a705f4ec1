package io.callvault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import io.callvault.command.Commands;
import io.callvault.storage.StorageMigration;
import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import software.amazon.awssdk.core.sync.RequestBody;

/** Moves a tenant's recordings to the other store (filesystem → S3, or S3 → filesystem in the S3 run). */
class StorageMigrationHttpTest extends HttpTestBase {

    @Autowired
    StorageMigration migration;

    private final String source = TestDatabase.STORAGE;
    private final String target = TestDatabase.s3() ? "filesystem" : "s3";

    @Test
    void interruptedThenResumedMovesEveryRecordingAndDeletesOnlyVerifiedSources() throws Exception {
        String tenant = api.tenant("migrate");
        Api.Credentials client = api.readWriteClient(tenant);
        List<byte[]> audio = List.of(TestAudio.pcm16(8000, 1, 4000), TestAudio.pcm16(8000, 1, 5000),
                TestAudio.pcm16(8000, 1, 6000));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < audio.size(); i++) {
            ids.add(api.upload(client, tenant, "c1", i + 1, audio.get(i)).get("id").asString());
        }
        byte[] joinedBefore = api.get("/api/operation/tenant/calls/c1/recording/stream", "Authorization", client.apiKey()).body();

        List<String> lines = new ArrayList<>();
        StorageMigration.Result first = migration.migrate(target, tenant, 1, lines::add);
        assertThat(first.moved()).isEqualTo(1);
        assertThat(first.finished()).isFalse();
        assertThat(storesOf(ids)).containsExactlyInAnyOrder(target, source, source);
        assertThat(lines).anyMatch(line -> line.contains("migrating 3 recording(s) to " + target));

        StorageMigration.Result rest = migration.migrate(target, tenant, Long.MAX_VALUE, lines::add);
        assertThat(rest.moved()).isEqualTo(2);
        assertThat(rest.failed()).isZero();
        assertThat(rest.finished()).isTrue();
        assertThat(storesOf(ids)).containsOnly(target);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(stored.bytes(ids.get(i))).isEqualTo(audio.get(i));
            assertThat(stored.keys(source)).doesNotContain(stored.of(ids.get(i)).key());
            assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + ids.get(i) + "/audio", "Authorization",
                    client.bearer()).body()).isEqualTo(audio.get(i));
        }
        assertThat(api.get("/api/operation/tenant/calls/c1/recording/stream", "Authorization", client.apiKey()).body())
                .isEqualTo(joinedBefore);
    }

    @Test
    void aCopyThatDoesNotVerifyIsLeftWhereItWas() throws Exception {
        String tenant = api.tenant("corrupt");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] audio = TestAudio.pcm16(8000, 1, 3000);
        String id = api.upload(client, tenant, "c1", 1, audio).get("id").asString();
        byte[] damaged = audio.clone();
        damaged[1000] ^= 0x01;
        String key = stored.of(id).key();
        if (source.equals("s3")) {
            TestS3.client().putObject(b -> b.bucket(TestS3.BUCKET).key(key), RequestBody.fromBytes(damaged));
        } else {
            Files.write(TestDatabase.dataDir().resolve("audio").resolve(key), damaged);
        }
        StorageMigration.Result result = migration.migrate(target, tenant, Long.MAX_VALUE, line -> { });
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.moved()).isZero();
        assertThat(stored.of(id).store()).isEqualTo(source);
        assertThat(stored.bytesOf(source, key)).isEqualTo(damaged);
    }

    @Test
    void theCommandLineMigratesAndSaysHowFarItGot() throws Exception {
        String tenant = api.tenant("cli");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] audio = TestAudio.alaw(8000, 1, 2000);
        String id = api.upload(client, tenant, "c1", 1, audio).get("id").asString();
        List<String> args = new ArrayList<>(List.of("storage", "migrate", "--to", target, "--tenant", tenant));
        args.addAll(serverArguments());
        assertThat(run(args)).isZero();
        assertThat(stored.of(id).store()).isEqualTo(target);
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer())
                .body()).isEqualTo(audio);
        assertThat(run(List.of("storage", "migrate"))).isEqualTo(2);
    }

    @Test
    void fsckExitsNonZeroWhenItFindsDamage() throws Exception {
        String tenant = api.tenant("fsck-cli");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 500)).get("id").asString();
        List<String> args = new ArrayList<>(List.of("fsck", "--tenant", tenant));
        args.addAll(serverArguments());
        assertThat(run(args)).isZero();
        stored.delete(id);
        assertThat(run(args)).isEqualTo(1);
        args.add("--repair");
        assertThat(run(args)).isEqualTo(1);
        assertThat(run(List.of("fsck", "--tenant", tenant, "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=" + (TestDatabase.postgres() ? TestDatabase.PG_USER : "sa"),
                "--callvault.data-dir=" + TestDatabase.dataDir(), "--logging.structured.format.console="))).isZero();
    }

    private static int run(List<String> args) throws Exception {
        return Commands.runIfCommand(args.toArray(String[]::new), CallVaultApplication.class).orElseThrow();
    }

    /** The test server's own configuration, as a command run beside it would be given. */
    private static List<String> serverArguments() {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--callvault.data-dir=" + TestDatabase.dataDir(),
                "--callvault.admin-token=" + ADMIN_TOKEN,
                "--callvault.s3.endpoint=" + TestS3.endpoint(), "--callvault.s3.bucket=" + TestS3.BUCKET,
                "--callvault.s3.access-key=" + TestS3.ACCESS_KEY, "--callvault.s3.secret-key=" + TestS3.SECRET_KEY,
                "--callvault.s3.path-style=true", "--logging.structured.format.console="));
        args.add("--spring.datasource.username=" + (TestDatabase.postgres() ? TestDatabase.PG_USER : "sa"));
        return args;
    }

    private List<String> storesOf(List<String> ids) {
        return ids.stream().map(id -> stored.of(id).store()).toList();
    }
}
