package io.callvault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;
import io.callvault.support.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A client that gives up in the middle of an upload is a normal event: nothing stored, nothing logged as an error. */
@ExtendWith(OutputCaptureExtension.class)
class UploadAbortHttpTest extends HttpTestBase {

    @Test
    void anAbortedUploadLeavesNothingAndLogsNoError(CapturedOutput output) throws Exception {
        String tenant = api.tenant("abort");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] wav = TestAudio.pcm16(8000, 1, 64_000);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String head = "PUT /v1/tenants/" + tenant + "/calls/c1/recordings/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + client.bearer() + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + wav.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(Arrays.copyOf(wav, wav.length / 3));
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0); // a reset, as a client that crashed sends
        }
        Path staging = TestDatabase.dataDir().resolve("staging");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (stagedFiles(staging) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(stagedFiles(staging)).as("the staged part is removed").isZero();
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/c1", "Authorization", client.bearer()).status()).isEqualTo(404);
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("ClientAbortException")
                .doesNotContain("\tat org.apache");
        assertThat(api.upload(client, tenant, "c1", 1, wav).get("fileSize").asLong()).isEqualTo(wav.length);
    }

    private static long stagedFiles(Path staging) throws Exception {
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.count();
        }
    }
}
