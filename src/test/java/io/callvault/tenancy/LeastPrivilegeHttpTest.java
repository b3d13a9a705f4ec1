package io.callvault.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;

/**
 * Each client gets what its job needs: a recorder writes and reads back only what it wrote, deleting and holding
 * need their own scopes, a Wellcloud token works on its dialect only, and the admin API checks its token before it
 * reads a byte of the body.
 */
class LeastPrivilegeHttpTest extends HttpTestBase {

    @Test
    void aRecorderWritesButNeitherReadsOthersDataNorDeletes() {
        String tenant = api.tenant("recorder");
        Api.Credentials crm = api.client(List.of(tenant), "read", "ingest");
        Api.Credentials recorder = api.client(List.of(tenant), "ingest");
        String base = "/v1/tenants/" + tenant;
        api.json("PUT", base + "/calls/c1", "{\"ani\":\"0311112222\",\"agentName\":\"Grace\"}", "Authorization", crm.bearer());

        Api.Response receipt = api.json("PUT", base + "/calls/c1", "{\"dnis\":\"0120\"}", "Authorization", recorder.bearer());
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.text()).doesNotContain("0311112222").doesNotContain("Grace");
        assertThat(receipt.json().get("callId").asString()).isEqualTo("c1");
        assertThat(api.upload(recorder, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 400)).get("state").asString())
                .isEqualTo("Success");

        assertThat(api.get(base + "/calls/c1", "Authorization", recorder.bearer()).status()).isEqualTo(403);
        assertThat(api.get(base + "/calls", "Authorization", recorder.bearer()).status()).isEqualTo(403);
        assertThat(api.send("DELETE", base + "/calls/c1", null, "Authorization", recorder.bearer()).status()).isEqualTo(403);
        assertThat(api.json("PUT", base + "/calls/c1/hold", "{\"reason\":\"x\"}", "Authorization", recorder.bearer())
                .status()).isEqualTo(403);
        assertThat(api.send("DELETE", base + "/calls/c1", null, "Authorization", crm.bearer()).status())
                .as("read and ingest do not delete either").isEqualTo(403);

        Api.Credentials holder = api.client(List.of(tenant), "hold");
        assertThat(api.json("PUT", base + "/calls/c1/hold", "{\"reason\":\"audit\"}", "Authorization", holder.bearer())
                .status()).isEqualTo(200);
        assertThat(api.send("DELETE", base + "/calls/c1/hold?reason=done", null, "Authorization", holder.bearer())
                .status()).isEqualTo(204);
        Api.Credentials deleter = api.client(List.of(tenant), "delete");
        assertThat(api.send("DELETE", base + "/calls/c1?reason=test", null, "Authorization", deleter.bearer()).status())
                .isEqualTo(204);
        assertThat(api.get(base + "/calls/c1", "Authorization", crm.bearer()).status()).isEqualTo(404);
    }

    @Test
    void aWellcloudTokenIsGoodOnItsDialectOnly() {
        String tenant = api.tenant("token");
        Api.Credentials client = api.readWriteClient(tenant);
        api.upload(client, tenant, "7", 1, TestAudio.pcm16(8000, 1, 400));
        String token = api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).json().get("token").asString();
        assertThat(api.get("/api/operation/tenant/calls/7/recordings2", "Authorization", token).status()).isEqualTo(200);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/7", "Authorization", token).status()).isEqualTo(401);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/7", "Authorization", "Bearer " + token).status()).isEqualTo(401);
        assertThat(api.json("POST", "/general/v1/" + client.sourceUuid() + "/call/speech_recognition_all",
                "{\"tenantId\":\"" + tenant + "\",\"sessionId\":7}", "Authorization", token).status()).isEqualTo(401);
    }

    @Test
    void badRequestsAreExplainedInTheClientsTerms() {
        String tenant = api.tenant("terms");
        Api.Credentials client = api.readWriteClient(tenant);
        String call = "/v1/tenants/" + tenant + "/calls/c1";
        Api.Response wrongType = api.json("PUT", call, "{\"direction\":5}", "Authorization", client.bearer());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("detail").asString()).isEqualTo("field 'direction' must be a string");
        Api.Response notAnObject = api.json("PUT", call, "[1,2]", "Authorization", client.bearer());
        assertThat(notAnObject.json().get("detail").asString()).isEqualTo("the request body must be a JSON object");
        Api.Response deep = api.json("PUT", call, "[".repeat(5000), "Authorization", client.bearer());
        assertThat(deep.status()).isEqualTo(400);
        Api.Response broken = api.json("PUT", call, "{\"ani\": \"x\",,}", "Authorization", client.bearer());
        assertThat(broken.json().get("detail").asString()).startsWith("the request body is not valid JSON (line 1");
        for (Api.Response r : List.of(wrongType, notAnObject, deep, broken)) {
            assertThat(r.json().get("detail").asString()).doesNotContain("io.callvault").doesNotContain("$")
                    .doesNotContain("Constraints").doesNotContain("Exception").doesNotContain("jackson");
        }
    }

    @Test
    void theAdminTokenIsCheckedBeforeTheBodyIsRead() {
        String malformed = "{\"id\": ";
        assertThat(api.json("POST", "/v1/admin/tenants", malformed).status()).isEqualTo(401);
        assertThat(api.json("POST", "/v1/admin/tenants", malformed, "Authorization", "Bearer wrong").status()).isEqualTo(401);
        String tenant = api.tenant("admin-order");
        Api.Credentials client = api.readWriteClient(tenant);
        assertThat(api.json("POST", "/v1/admin/tenants", malformed, "Authorization", client.bearer()).status()).isEqualTo(403);
        assertThat(api.admin("POST", "/v1/admin/tenants", malformed).status()).isEqualTo(400);
    }
}
