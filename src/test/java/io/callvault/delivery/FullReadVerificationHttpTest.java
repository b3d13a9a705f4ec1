package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * A full read of a recording that streams through CallVault checks the bytes against the catalog's SHA-256, and
 * says so when they differ: always from the object store, and from the filesystem with verify-full-reads (else
 * those bytes go out by sendfile, unseen, and fsck is the check). Runs on both stores.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "callvault.delivery.verify-full-reads=true")
class FullReadVerificationHttpTest extends HttpTestBase {

    @Test
    void aCorruptObjectIsReportedWhenReadWhole(CapturedOutput output) throws InterruptedException {
        String tenant = api.tenant("verify");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] audio = TestAudio.pcm16(8000, 1, 2000);
        String id = api.upload(client, tenant, "c1", 1, audio).get("id").asString();
        String path = "/v1/tenants/" + tenant + "/recordings/" + id + "/audio";
        assertThat(api.get(path, "Authorization", client.bearer()).body()).isEqualTo(audio);
        assertThat(output.getAll()).doesNotContain("the stored copy is corrupt");

        byte[] flipped = audio.clone();
        flipped[2000] ^= 0x10;
        stored.replace(id, flipped);
        assertThat(api.get(path, "Authorization", client.bearer(), "Range", "bytes=0-99").status()).isEqualTo(206);
        assertThat(api.get(path, "Authorization", client.bearer()).body()).isEqualTo(flipped);
        // the check ends after the last byte is sent, so the client may have it before the server has spoken: wait
        // (up to 20 s) for the report of the full read, then see that it is the only one: the range was not checked
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!output.getAll().contains("the stored copy is corrupt") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(output.getAll().split("the stored copy is corrupt", -1)).as("reports of a corrupt read").hasSize(2);
        assertThat(api.get("/actuator/metrics/callvault.audio.corrupt", "Authorization", "Bearer " + ADMIN_TOKEN).json()
                .get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
    }
}
