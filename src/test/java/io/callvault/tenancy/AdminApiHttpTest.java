package io.callvault.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;

class AdminApiHttpTest extends HttpTestBase {

    @Test
    void createsTenantsWithDefaultsAndRefusesDuplicatesAndBadInput() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"name\":\"Acme\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("timeZone").asString()).isEqualTo("UTC");
        assertThat(created.json().get("retrievalWindowDays").asInt()).isEqualTo(31);
        assertThat(created.json().get("retentionDays").isNull()).isTrue();

        Api.Response again = api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + id + "\",\"name\":\"Acme\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(again.json().get("detail").asString()).contains("already exists");

        for (String badId : List.of("..", ".", "a/b", "x".repeat(65), "", "naïve")) {
            Api.Response bad = api.admin("POST", "/v1/admin/tenants", "{\"id\":\"" + badId + "\",\"name\":\"x\"}");
            assertThat(bad.status()).as(badId).isEqualTo(400);
        }
        Api.Response badZone = api.admin("POST", "/v1/admin/tenants",
                "{\"id\":\"z-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"name\":\"x\",\"timeZone\":\"Mars/Olympus\"}");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().get("detail").asString()).contains("Mars/Olympus");
        Api.Response wrongType = api.admin("POST", "/v1/admin/tenants", "{\"id\":5,\"name\":\"x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void issuesThreeCredentialsOnceAndStoresOnlyHashes() {
        String tenant = api.tenant("creds");
        Api.Credentials c = api.readWriteClient(tenant);
        assertThat(c.apiKey()).isNotBlank();
        assertThat(c.appSecret()).isNotBlank();
        assertThat(c.sourceUuid()).matches("[0-9a-f-]{36}");
        String stored = jdbc.sql("select api_key_hash || app_secret_hash from clients where id = ?").param(c.clientId())
                .query(String.class).single();
        assertThat(stored).doesNotContain(c.apiKey()).doesNotContain(c.appSecret());
        assertThat(api.get("/v1/tenants/" + tenant + "/calls", "Authorization", c.bearer()).status()).isEqualTo(200);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls", "Authorization", c.apiKey()).status()).isEqualTo(200);

        Api.Response unknownTenant = api.admin("POST", "/v1/admin/clients",
                "{\"name\":\"x\",\"tenants\":[\"no-such-tenant\"],\"scopes\":[\"read\"]}");
        assertThat(unknownTenant.status()).isEqualTo(400);
        Api.Response badScope = api.admin("POST", "/v1/admin/clients",
                "{\"name\":\"x\",\"tenants\":[\"" + tenant + "\"],\"scopes\":[\"root\"]}");
        assertThat(badScope.status()).isEqualTo(400);
    }

    @Test
    void adminApiTakesOnlyTheAdminToken() {
        String tenant = api.tenant("adm");
        Api.Credentials c = api.readWriteClient(tenant);
        String body = "{\"id\":\"x-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"name\":\"x\"}";
        assertThat(api.json("POST", "/v1/admin/tenants", body).status()).isEqualTo(401);
        assertThat(api.json("POST", "/v1/admin/tenants", body, "Authorization", "Bearer nope").status()).isEqualTo(401);
        assertThat(api.json("POST", "/v1/admin/tenants", body, "Authorization", c.bearer()).status()).isEqualTo(403);
        // and the admin token is no client credential
        assertThat(api.get("/v1/tenants/" + tenant + "/calls", "Authorization", "Bearer " + ADMIN_TOKEN).status())
                .isEqualTo(401);
    }

    @Test
    void revokingAClientKillsEveryCredentialAtOnce() {
        String tenant = api.tenant("revoke");
        Api.Credentials c = api.readWriteClient(tenant);
        String token = api.send("POST", "/api/operation/operation/apply/token?appId=" + c.appId() + "&appSecret="
                + c.appSecret() + "&type=tenant", null).json().get("token").asString();
        String recording = api.upload(c, tenant, "call-1", 1, io.callvault.support.TestAudio.pcm16(8000, 1, 800))
                .get("id").asString();
        String signed = api.json("POST", "/v1/tenants/" + tenant + "/recordings/" + recording + "/playback-url",
                "{\"ttlSeconds\":600}", "Authorization", c.bearer()).json().get("url").asString();
        assertThat(api.get(signed).status()).isEqualTo(200);

        assertThat(api.admin("DELETE", "/v1/admin/clients/" + c.clientId(), null).status()).isEqualTo(204);

        assertThat(api.get("/v1/tenants/" + tenant + "/calls", "Authorization", c.bearer()).status()).isEqualTo(401);
        assertThat(api.get("/api/operation/tenant/calls/call-1/recordings2", "Authorization", token).status()).isEqualTo(401);
        assertThat(api.get(signed).status()).isEqualTo(403);
        assertThat(api.send("POST", "/api/operation/operation/apply/token?appId=" + c.appId() + "&appSecret="
                + c.appSecret() + "&type=tenant", null).status()).isEqualTo(425);
        assertThat(api.admin("DELETE", "/v1/admin/clients/" + c.clientId(), null).status()).isEqualTo(404);
    }

    @Test
    void scopesAreEnforced() {
        String tenant = api.tenant("scopes");
        Api.Credentials reader = api.client(List.of(tenant), "read");
        Api.Credentials writer = api.client(List.of(tenant), "ingest");
        assertThat(api.json("PUT", "/v1/tenants/" + tenant + "/calls/c1", "{}", "Authorization", reader.bearer()).status())
                .isEqualTo(403);
        assertThat(api.json("PUT", "/v1/tenants/" + tenant + "/calls/c1", "{}", "Authorization", writer.bearer()).status())
                .isEqualTo(201);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/c1", "Authorization", writer.bearer()).status()).isEqualTo(403);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/c1", "Authorization", reader.bearer()).status()).isEqualTo(200);
    }
}
