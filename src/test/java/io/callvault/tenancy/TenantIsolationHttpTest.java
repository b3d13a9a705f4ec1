package io.callvault.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client of tenant B, asking for tenant A's ids, is answered as if they did not exist. */
class TenantIsolationHttpTest extends HttpTestBase {

    private String a;
    private String b;
    private Api.Credentials clientA;
    private Api.Credentials clientB;
    private String recordingA;
    private byte[] audioA;

    @BeforeEach
    void twoTenants() {
        a = api.tenant("tenant-a");
        b = api.tenant("tenant-b");
        clientA = api.readWriteClient(a);
        clientB = api.readWriteClient(b);
        audioA = TestAudio.pcm16(8000, 1, 800);
        recordingA = api.upload(clientA, a, "secret-call", 1, audioA).get("id").asString();
        // its owner reads it first, so that every check below also meets the row in the node's memory
        assertThat(api.get("/v1/tenants/" + a + "/recordings/" + recordingA, "Authorization", clientA.bearer()).status())
                .isEqualTo(200);
    }

    @Test
    void nativeApiHidesOtherTenants() {
        String auth = clientB.bearer();
        String nowhere = "no-such-tenant";
        for (String tenant : new String[] {a, nowhere}) {
            Api.Response call = api.get("/v1/tenants/" + tenant + "/calls/secret-call", "Authorization", auth);
            assertThat(call.status()).isEqualTo(404);
            assertThat(call.text()).doesNotContain(recordingA).doesNotContain("\"recordings\"");
            assertThat(api.get("/v1/tenants/" + tenant + "/calls", "Authorization", auth).status()).isEqualTo(404);
            assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + recordingA, "Authorization", auth).status())
                    .isEqualTo(404);
            assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + recordingA + "/audio", "Authorization", auth)
                    .status()).isEqualTo(404);
            assertThat(api.json("POST", "/v1/tenants/" + tenant + "/recordings/" + recordingA + "/playback-url", "{}",
                    "Authorization", auth).status()).isEqualTo(404);
            assertThat(api.json("PUT", "/v1/tenants/" + tenant + "/calls/secret-call", "{\"ani\":\"overwritten\"}",
                    "Authorization", auth).status()).isEqualTo(404);
            assertThat(api.putRecording(clientB, tenant, "secret-call", 2, audioA, null).status()).isEqualTo(404);
        }
        // an existing and a missing tenant look the same
        assertThat(api.get("/v1/tenants/" + a + "/calls", "Authorization", auth).json().get("detail").asString())
                .isEqualTo("tenant '" + a + "' not found");
        // A's ids under B's own tenant are simply not there
        assertThat(api.get("/v1/tenants/" + b + "/calls/secret-call", "Authorization", auth).status()).isEqualTo(404);
        assertThat(api.get("/v1/tenants/" + b + "/recordings/" + recordingA, "Authorization", auth).status()).isEqualTo(404);
        assertThat(api.get("/v1/tenants/" + b + "/recordings/" + recordingA + "/audio", "Authorization", auth).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/tenants/" + b + "/calls", "Authorization", auth).json().get("calls")).isEmpty();
        // a signed URL of A's recording cannot be re-pointed at B's tenant, nor signed by B
        String url = api.json("POST", "/v1/tenants/" + a + "/recordings/" + recordingA + "/playback-url", "{}",
                "Authorization", clientA.bearer()).json().get("url").asString();
        assertThat(api.get(url.replace("/tenants/" + a + "/", "/tenants/" + b + "/")).status()).isEqualTo(403);
        assertThat(api.get(url.replace(clientA.clientId(), clientB.clientId())).status()).isEqualTo(403);
        // nothing of A changed
        assertThat(api.get("/v1/tenants/" + a + "/calls/secret-call", "Authorization", clientA.bearer()).json()
                .get("ani").isNull()).isTrue();
    }

    @Test
    void wellcloudDialectHidesOtherTenants() {
        Api.Response token = api.send("POST", "/api/operation/operation/apply/token?appId=" + clientB.appId()
                + "&appSecret=" + clientB.appSecret() + "&type=tenant", null);
        for (String auth : new String[] {token.json().get("token").asString(), clientB.apiKey()}) {
            assertThat(api.get("/api/operation/tenant/calls/secret-call/recordings2", "Authorization", auth).status())
                    .isEqualTo(448);
            assertThat(api.get("/api/operation/tenant/recording/" + recordingA + "/stream2", "Authorization", auth).status())
                    .isEqualTo(425);
            assertThat(api.get("/api/operation/tenant/calls/secret-call/recording/stream", "Authorization", auth).status())
                    .isEqualTo(448);
        }
        assertThat(audited().sql("select count(*) from access_log where tenant_id = ?").param(a).query(Long.class).single())
                .isZero();
    }
}
