package io.callvault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class RetentionHttpTest extends HttpTestBase {

    @Autowired
    RetentionPurge purge;

    private String call(String tenant, Api.Credentials c, String callId, Instant connect) {
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/" + callId, "{\"connectTime\":\"" + connect + "\"}",
                "Authorization", c.bearer());
        return api.upload(c, tenant, callId, 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
    }

    private List<JsonNode> audit(String tenant, String kind) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        audited();
        api.admin("GET", "/v1/admin/access-log?tenant=" + tenant + "&kind=" + kind, null).json().get("entries")
                .forEach(entries::add);
        return entries;
    }

    @Test
    void aHeldCallCannotBeDeletedAndEveryChangeIsAudited() {
        String tenant = api.tenant("hold");
        Api.Credentials c = api.custodian(tenant);
        String recording = call(tenant, c, "c1", Instant.now());
        String base = "/v1/tenants/" + tenant;

        assertThat(api.json("PUT", base + "/calls/c1/hold", "{}", "Authorization", c.bearer()).status()).isEqualTo(400);
        Api.Response held = api.json("PUT", base + "/calls/c1/hold", "{\"reason\":\"litigation 2026-17\"}",
                "Authorization", c.bearer());
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.json().get("heldBy").asString()).isEqualTo(c.clientId());
        assertThat(api.get(base + "/calls/c1/hold", "Authorization", c.bearer()).json().get("reason").asString())
                .isEqualTo("litigation 2026-17");

        Api.Response refused = api.send("DELETE", base + "/calls/c1?reason=cleanup", null, "Authorization", c.bearer());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("legal hold");
        assertThat(api.send("DELETE", base + "/recordings/" + recording, null, "Authorization", c.bearer()).status())
                .isEqualTo(409);
        assertThat(stored.bytes(recording)).isNotEmpty();

        assertThat(api.send("DELETE", base + "/calls/c1/hold?reason=case%20closed", null, "Authorization", c.bearer())
                .status()).isEqualTo(204);
        assertThat(api.get(base + "/calls/c1/hold", "Authorization", c.bearer()).status()).isEqualTo(404);
        String key = stored.of(recording).key();
        String store = stored.of(recording).store();
        assertThat(api.send("DELETE", base + "/recordings/" + recording + "?reason=wrong%20customer", null,
                "Authorization", c.bearer()).status()).isEqualTo(204);
        assertThat(api.get(base + "/recordings/" + recording, "Authorization", c.bearer()).status()).isEqualTo(404);
        assertThat(stored.keys(store)).doesNotContain(key);
        assertThat(api.send("DELETE", base + "/calls/c1", null, "Authorization", c.bearer()).status()).isEqualTo(204);
        assertThat(api.get(base + "/calls/c1", "Authorization", c.bearer()).status()).isEqualTo(404);
        assertThat(api.send("DELETE", base + "/calls/c1", null, "Authorization", c.bearer()).status()).isEqualTo(404);

        assertThat(audit(tenant, "hold")).singleElement().satisfies(e -> {
            assertThat(e.get("reason").asString()).isEqualTo("litigation 2026-17");
            assertThat(e.get("clientId").asString()).isEqualTo(c.clientId());
        });
        assertThat(audit(tenant, "release")).singleElement()
                .satisfies(e -> assertThat(e.get("reason").asString()).isEqualTo("case closed"));
        List<JsonNode> deletions = audit(tenant, "delete");
        assertThat(deletions).hasSize(2);
        assertThat(deletions).extracting(e -> e.get("reason").asString())
                .containsExactlyInAnyOrder("wrong customer", "deleted through the API");
        // another tenant's client cannot hold, release or delete here
        String other = api.tenant("other");
        Api.Credentials stranger = api.readWriteClient(other);
        assertThat(api.json("PUT", base + "/calls/c1/hold", "{\"reason\":\"x\"}", "Authorization", stranger.bearer())
                .status()).isEqualTo(404);
    }

    @Test
    void thePurgeDeletesOldCallsButNeverHeldOnes() {
        String tenant = "ret-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"r\",\"retentionDays\":30}")
                .status()).isEqualTo(201);
        Api.Credentials c = api.custodian(tenant);
        Instant now = Instant.now();
        String old = call(tenant, c, "old", now.minus(Duration.ofDays(40)));
        String held = call(tenant, c, "held", now.minus(Duration.ofDays(40)));
        String young = call(tenant, c, "young", now.minus(Duration.ofDays(10)));
        api.json("PUT", "/v1/tenants/" + tenant + "/calls/held/hold", "{\"reason\":\"audit\"}", "Authorization", c.bearer());
        String oldKey = stored.of(old).key();
        String store = stored.of(old).store();

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
        String base = "/v1/tenants/" + tenant;
        assertThat(api.get(base + "/calls/old", "Authorization", c.bearer()).status()).isEqualTo(404);
        assertThat(stored.keys(store)).doesNotContain(oldKey);
        assertThat(api.get(base + "/recordings/" + held + "/audio", "Authorization", c.bearer()).status()).isEqualTo(200);
        assertThat(api.get(base + "/recordings/" + young + "/audio", "Authorization", c.bearer()).status()).isEqualTo(200);
        assertThat(audit(tenant, "delete")).singleElement().satisfies(e -> {
            assertThat(e.get("clientId").asString()).isEqualTo("system:retention");
            assertThat(e.get("reason").asString()).isEqualTo("retention: older than 30 days");
            assertThat(e.get("callId").asString()).isEqualTo("old");
        });

        clock.advance(Duration.ofDays(25)); // the young call is now 35 days old
        purge.purge();
        assertThat(api.get(base + "/calls/young", "Authorization", c.bearer()).status()).isEqualTo(404);
        assertThat(api.get(base + "/calls/held", "Authorization", c.bearer()).status()).isEqualTo(200);
    }
}
