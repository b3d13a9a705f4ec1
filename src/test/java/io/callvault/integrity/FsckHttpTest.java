package io.callvault.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** fsck finds the damage a test deliberately causes: a truncated file, a flipped byte, a deleted file. */
class FsckHttpTest extends HttpTestBase {

    @Autowired
    IntegrityCheck check;

    @Test
    void findsTruncatedFlippedAndDeletedAudioAndRepairsOnlyWhatIsGone() {
        String tenant = api.tenant("fsck");
        Api.Credentials client = api.readWriteClient(tenant);
        List<String> ids = new ArrayList<>();
        List<byte[]> audio = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            byte[] bytes = TestAudio.pcm16(8000, 1, 1000 * i);
            audio.add(bytes);
            ids.add(api.upload(client, tenant, "c1", i, bytes).get("id").asString());
        }
        String healthy = ids.get(0);
        String truncated = ids.get(1);
        String flipped = ids.get(2);
        String deleted = ids.get(3);
        stored.replace(truncated, Arrays.copyOf(audio.get(1), audio.get(1).length - 100));
        byte[] damaged = audio.get(2).clone();
        damaged[damaged.length / 2] ^= 0x40;
        stored.replace(flipped, damaged);
        stored.delete(deleted);

        List<String> progress = new ArrayList<>();
        IntegrityCheck.Report report = check.check(tenant, false, progress::add);
        assertThat(report.checked()).isEqualTo(4);
        assertThat(report.missing()).isEqualTo(1);
        assertThat(report.corrupt()).isEqualTo(2);
        assertThat(report.damaged()).isTrue();
        assertThat(report.tenants().get(tenant)).isEqualTo(new IntegrityCheck.TenantCounts(4, 1, 2));
        assertThat(report.problems()).extracting(IntegrityCheck.Problem::recordingId)
                .containsExactlyInAnyOrder(truncated, flipped, deleted).doesNotContain(healthy);
        assertThat(report.problems()).filteredOn(p -> p.recordingId().equals(flipped))
                .singleElement().satisfies(p -> assertThat(p.detail()).contains("SHA-256"));
        assertThat(report.problems()).filteredOn(p -> p.recordingId().equals(truncated))
                .singleElement().satisfies(p -> assertThat(p.detail()).contains("size"));
        assertThat(progress).anyMatch(line -> line.startsWith("checking 4 recording(s)"));
        // without --repair nothing changed
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + deleted, "Authorization", client.bearer())
                .json().get("state").asString()).isEqualTo("Success");

        JsonNode repaired = api.admin("POST", "/v1/admin/fsck?tenant=" + tenant + "&repair=true", null).json();
        assertThat(repaired.get("missing").asLong()).isEqualTo(1);
        assertThat(repaired.get("corrupt").asLong()).isEqualTo(2);
        assertThat(repaired.get("repaired").asLong()).isEqualTo(1);
        // the row is kept, marked Fail: every API now says its audio does not exist
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + deleted, "Authorization", client.bearer())
                .json().get("state").asString()).isEqualTo("Fail");
        assertThat(api.get("/api/operation/tenant/recording/" + deleted + "/stream2", "Authorization", client.apiKey())
                .status()).isEqualTo(448);
        // corrupt audio is reported, never rewritten or hidden
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + flipped, "Authorization", client.bearer())
                .json().get("state").asString()).isEqualTo("Success");

        IntegrityCheck.Report again = check.check(tenant, false, line -> { });
        assertThat(again.checked()).isEqualTo(3);
        assertThat(again.missing()).isZero();
        assertThat(api.admin("POST", "/v1/admin/fsck?tenant=" + tenant, null).status()).isEqualTo(200);
        assertThat(api.json("POST", "/v1/admin/fsck", null, "Authorization", client.bearer()).status()).isEqualTo(403);
    }

    @Test
    void audioInAStoreThatDoesNotAnswerIsReportedButNeverMarkedFail() {
        String tenant = api.tenant("fsck-unreadable");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        jdbc.sql("update recordings set store = 'nowhere' where id = ?").param(id).update(); // a store not configured

        JsonNode report = api.admin("POST", "/v1/admin/fsck?tenant=" + tenant + "&repair=true", null).json();

        assertThat(report.get("missing").asLong()).isEqualTo(1);
        assertThat(report.get("repaired").asLong()).isZero();
        assertThat(report.get("problems").get(0).get("detail").asString())
                .isEqualTo("unreadable: store 'nowhere' is not configured");
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + id, "Authorization", client.bearer())
                .json().get("state").asString()).isEqualTo("Success");
    }

    @Test
    void aCleanTenantPasses() {
        String tenant = api.tenant("clean");
        Api.Credentials client = api.readWriteClient(tenant);
        api.upload(client, tenant, "c1", 1, TestAudio.mulaw(8000, 1, 4000));
        IntegrityCheck.Report report = check.check(tenant, true, line -> { });
        assertThat(report.checked()).isEqualTo(1);
        assertThat(report.damaged()).isFalse();
        assertThat(report.repaired()).isZero();
    }
}
