package io.callvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class AccessLogApiHttpTest extends HttpTestBase {

    @Test
    void adminPagesTheAccessLogWithFilters() {
        String tenant = api.tenant("audit");
        Api.Credentials reader = api.readWriteClient(tenant);
        Api.Credentials other = api.readWriteClient(tenant);
        String one = api.upload(reader, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        String two = api.upload(reader, tenant, "c2", 1, TestAudio.pcm16(8000, 1, 900)).get("id").asString();
        String base = "/v1/tenants/" + tenant + "/recordings/";
        for (int i = 0; i < 3; i++) {
            api.get(base + one + "/audio", "Authorization", reader.bearer());
        }
        api.get(base + one + "/audio?download=true", "Authorization", other.bearer(), "Range", "bytes=0-9");
        api.get(base + two + "/audio", "Authorization", other.bearer());
        audited();

        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.admin("GET", "/v1/admin/access-log?tenant=" + tenant + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            page.json().get("entries").forEach(all::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        } while (cursor != null);
        assertThat(all).hasSize(5);
        assertThat(all).extracting(e -> e.get("id").asLong()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // the reads of one gathering are logged in order of client (docs/decisions.md), so the last read need not be first
        JsonNode ofTwo = all.stream().filter(e -> e.get("recordingId").asString().equals(two)).findFirst().orElseThrow();
        assertThat(ofTwo.get("clientId").asString()).isEqualTo(other.clientId());
        assertThat(ofTwo.get("remoteAddress").asString()).isEqualTo("127.0.0.1");

        JsonNode downloads = api.admin("GET", "/v1/admin/access-log?tenant=" + tenant + "&kind=download", null).json();
        assertThat(downloads.get("entries")).hasSize(1);
        assertThat(downloads.get("entries").get(0).get("rangeEnd").asLong()).isEqualTo(9);
        assertThat(api.admin("GET", "/v1/admin/access-log?client=" + reader.clientId(), null).json().get("entries"))
                .hasSize(3);
        assertThat(api.admin("GET", "/v1/admin/access-log?recording=" + one, null).json().get("entries")).hasSize(4);
        assertThat(api.admin("GET", "/v1/admin/access-log?tenant=" + tenant + "&call=c2", null).json().get("entries"))
                .hasSize(1);
        assertThat(api.admin("GET", "/v1/admin/access-log?tenant=" + tenant + "&from=2999-01-01T00:00:00Z", null)
                .json().get("entries")).isEmpty();

        assertThat(api.admin("GET", "/v1/admin/access-log?kind=stream", null).status()).isEqualTo(400);
        assertThat(api.admin("GET", "/v1/admin/access-log?limit=0", null).status()).isEqualTo(400);
        assertThat(api.admin("GET", "/v1/admin/access-log?cursor=abc", null).status()).isEqualTo(400);
        assertThat(api.admin("GET", "/v1/admin/access-log?call=c2", null).status()).isEqualTo(400);
        assertThat(api.get("/v1/admin/access-log", "Authorization", reader.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/admin/access-log").status()).isEqualTo(401);
    }
}
