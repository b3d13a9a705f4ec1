package io.callvault.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callvault.storage.StorageKey;
import io.callvault.support.Api;
import io.callvault.support.ServerProcess;
import io.callvault.support.TestAudio;
import io.callvault.support.TestS3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The jar's commands as an operator runs them, in processes of their own: fsck and storage migrate beside a server
 * running on the embedded database (which only one process may open) go through that server; --help and
 * --version print and exit without starting anything.
 */
class CommandsBesideServerTest {

    private static final String ADMIN = "commands-admin-token";

    @TempDir
    Path dir;

    @Test
    void fsckAndMigrationRunBesideARunningServerOnTheEmbeddedDatabase() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> s3 = Map.of("CALLVAULT_S3_ENDPOINT", TestS3.endpoint(), "CALLVAULT_S3_BUCKET", TestS3.BUCKET,
                "CALLVAULT_S3_ACCESS_KEY", TestS3.ACCESS_KEY, "CALLVAULT_S3_SECRET_KEY", TestS3.SECRET_KEY,
                "CALLVAULT_S3_PATH_STYLE", "true");
        // the operator's shell has the server's settings, the admin token among them
        Map<String, String> operator = new java.util.HashMap<>(s3);
        operator.put("CALLVAULT_ADMIN_TOKEN", ADMIN);
        try (ServerProcess server = ServerProcess.start(data, ADMIN, List.of("-Xmx256m"), s3)) {
            Api api = new Api(server.port(), ADMIN);
            String tenant = api.tenant("cli");
            Api.Credentials client = api.readWriteClient(tenant);
            byte[] first = TestAudio.pcm16(8000, 1, 1600);
            byte[] second = TestAudio.mulaw(8000, 1, 1600);
            String one = api.upload(client, tenant, "c1", 1, first).get("id").asString();
            api.upload(client, tenant, "c2", 1, second);

            ServerProcess.CommandResult fsck = ServerProcess.command(data, operator, "fsck");
            assertThat(fsck.exitCode()).as(fsck.output()).isZero();
            assertThat(fsck.output()).contains("a server is running on this data folder").contains("checking 2 recording(s)");

            ServerProcess.CommandResult migrate = ServerProcess.command(data, operator, "storage", "migrate", "--to", "s3",
                    "--tenant", tenant);
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();
            assertThat(migrate.output()).contains("migrating 2 recording(s) to s3");
            JsonNode recording = api.get("/v1/tenants/" + tenant + "/recordings/" + one, "Authorization", client.bearer()).json();
            assertThat(recording.get("fileSize").asLong()).isEqualTo(first.length);
            assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + one + "/audio", "Authorization", client.bearer())
                    .body()).as("served from the bucket by the running server at once").isEqualTo(first);

            try (var files = Files.walk(data.resolve("audio"))) {
                assertThat(files.filter(Files::isRegularFile).count()).as("the migrated files left the disk").isZero();
            }
            TestS3.client().deleteObject(b -> b.bucket(TestS3.BUCKET).key(StorageKey.of(UUID.fromString(one), "wav")));
            ServerProcess.CommandResult damaged = ServerProcess.command(data, operator, "fsck", "--tenant", tenant);
            assertThat(damaged.exitCode()).as(damaged.output()).isEqualTo(1);
            assertThat(damaged.output()).contains("missing").contains(one);
            assertThat(server.alive()).isTrue();
        }
    }

    @Test
    void helpAndVersionPrintAndExit() throws Exception {
        Path data = dir.resolve("untouched");
        ServerProcess.CommandResult help = ServerProcess.command(data, Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("usage: java -jar callvault.jar").contains("fsck").doesNotContain("listening");
        ServerProcess.CommandResult version = ServerProcess.command(data, Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.output()).startsWith("CallVault ").doesNotContain("listening");
        ServerProcess.CommandResult wrong = ServerProcess.command(data, Map.of(), "fsck", "--bogus");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(data).as("no server started, no data folder made").doesNotExist();
    }
}
