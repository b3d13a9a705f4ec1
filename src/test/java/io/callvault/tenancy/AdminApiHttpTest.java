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
        assertThat(api.admin("GET", "/v1/admin/tenants/" + id, null).json().get("retentionDays").isNull())
                .as("keep forever reads back as keep forever, not 0").isTrue();

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

    @Test
    void tenantsAreListedReadAndChangedAndEveryChangeIsAudited() {
        String id = api.tenant("change", "Asia/Tokyo");
        assertThat(api.admin("GET", "/v1/admin/tenants", null).json().findValuesAsString("id")).contains(id);
        Api.Response changed = api.admin("PATCH", "/v1/admin/tenants/" + id,
                "{\"retentionDays\":90,\"retrievalWindowDays\":7,\"timeZone\":\"Europe/Paris\"}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        Api.Response read = api.admin("GET", "/v1/admin/tenants/" + id, null);
        assertThat(read.json().get("retentionDays").asInt()).isEqualTo(90);
        assertThat(read.json().get("retrievalWindowDays").asInt()).isEqualTo(7);
        assertThat(read.json().get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(read.json().get("name").asString()).as("left out, kept").isEqualTo("change");
        api.admin("PATCH", "/v1/admin/tenants/" + id, "{\"retentionDays\":null}");
        assertThat(api.admin("GET", "/v1/admin/tenants/" + id, null).json().get("retentionDays").isNull()).isTrue();
        assertThat(api.admin("PATCH", "/v1/admin/tenants/" + id, "{\"retentionDays\":0}").status()).isEqualTo(400);
        assertThat(api.admin("PATCH", "/v1/admin/tenants/" + id, "{\"id\":\"other\"}").status()).isEqualTo(400);
        assertThat(api.admin("PATCH", "/v1/admin/tenants/no-such-" + id, "{\"name\":\"x\"}").status()).isEqualTo(404);

        List<String> actions = new java.util.ArrayList<>();
        api.admin("GET", "/v1/admin/audit?limit=1000", null).json().get("entries").forEach(entry -> {
            if (entry.get("target").asString().equals(id)) {
                actions.add(entry.get("action").asString());
                assertThat(entry.get("address").asString()).isEqualTo("127.0.0.1");
            }
        });
        assertThat(actions).containsExactly("tenant.update", "tenant.update", "tenant.create");
    }

    @Test
    void clientsAreListedChangedAndRotatedWithAGracePeriod() {
        String tenant = api.tenant("rotate");
        String other = api.tenant("rotate-other");
        Api.Credentials client = api.client(List.of(tenant), "read");
        Api.Response listed = api.admin("GET", "/v1/admin/clients", null);
        assertThat(listed.text()).contains(client.clientId()).doesNotContain(client.apiKey()).doesNotContain(client.appSecret());
        Api.Response one = api.admin("GET", "/v1/admin/clients/" + client.clientId(), null);
        assertThat(one.json().get("scopes").toString()).isEqualTo("[\"read\"]");

        Api.Response changed = api.admin("PATCH", "/v1/admin/clients/" + client.clientId(),
                "{\"scopes\":[\"read\",\"delete\"],\"tenants\":[\"" + tenant + "\",\"" + other + "\"]}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(api.get("/v1/tenants/" + other + "/calls", "Authorization", client.bearer()).status())
                .as("the change applies at once").isEqualTo(200);

        Api.Response rotated = api.admin("POST", "/v1/admin/clients/" + client.clientId() + "/rotate", "{\"graceSeconds\":600}");
        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().get("apiKey").asString();
        String newSecret = rotated.json().get("appSecret").asString();
        String calls = "/v1/tenants/" + tenant + "/calls";
        assertThat(api.get(calls, "Authorization", "Bearer " + newKey).status()).isEqualTo(200);
        assertThat(api.get(calls, "Authorization", client.bearer()).status()).as("old key in its grace").isEqualTo(200);
        api.admin("PATCH", "/v1/admin/clients/" + client.clientId(), "{\"tenants\":[\"" + tenant + "\"]}");
        assertThat(api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).status()).as("old secret in its grace").isEqualTo(200);
        clock.advance(java.time.Duration.ofMinutes(11));
        assertThat(api.get(calls, "Authorization", client.bearer()).status()).as("old key after its grace").isEqualTo(401);
        assertThat(api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).status()).isEqualTo(425);
        assertThat(api.get(calls, "Authorization", "Bearer " + newKey).status()).isEqualTo(200);
        assertThat(api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + newSecret + "&type=tenant", null).status()).isEqualTo(200);
        assertThat(api.admin("POST", "/v1/admin/clients/" + client.clientId() + "/rotate", "{\"graceSeconds\":99999999}")
                .status()).isEqualTo(400);
    }
}
