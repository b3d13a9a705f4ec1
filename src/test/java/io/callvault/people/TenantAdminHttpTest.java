package io.callvault.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.callvault.support.Api;
import io.callvault.support.Browser;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant admin manages their own tenant's people and retention (scope manage), and nothing beyond that tenant. */
class TenantAdminHttpTest extends HttpTestBase {

    private static final String PASSWORD = "correct horse battery";

    private String tenantA;
    private String tenantB;
    private String adminName;
    private Browser tenantAdmin;

    @BeforeEach
    void tenants() {
        tenantA = api.tenant("manage-a");
        tenantB = api.tenant("manage-b");
        adminName = person(List.of(tenantA + ":tenant-admin"));
        tenantAdmin = new Browser(port);
        assertThat(tenantAdmin.signIn(adminName, PASSWORD)).isEqualTo("/");
    }

    private String person(List<String> grants) {
        String username = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String grantsJson = String.join(",", grants.stream().map(g -> "{\"tenant\":\"" + g.split(":")[0]
                + "\",\"role\":\"" + g.split(":")[1] + "\"}").toList());
        Api.Response made = api.admin("POST", "/v1/admin/users", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"grants\":[" + grantsJson + "]}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return username;
    }

    private Api.Response put(String tenant, String username, String json) {
        return tenantAdmin.json("PUT", "/v1/tenants/" + tenant + "/people/" + username, json, true);
    }

    @Test
    void aTenantAdminAddsAPersonChangesTheirRoleAndTakesItAwayAndTheyFeelEachChangeAtOnce() {
        String username = "new" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        Api.Response made = put(tenantA, username, "{\"role\":\"listener\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(made.status()).as(made.text()).isEqualTo(201);
        Browser newcomer = new Browser(port);
        assertThat(newcomer.signIn(username, PASSWORD)).isEqualTo("/");
        assertThat(newcomer.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(200);
        assertThat(newcomer.get("/v1/tenants/" + tenantA + "/access-log").status()).isEqualTo(403);
        assertThat(newcomer.get("/v1/tenants/" + tenantB + "/calls").status()).isEqualTo(404);

        assertThat(put(tenantA, username, "{\"role\":\"auditor\"}").status()).isEqualTo(200);
        assertThat(newcomer.get("/v1/tenants/" + tenantA + "/access-log").status()).isEqualTo(200);
        var listed = tenantAdmin.get("/v1/tenants/" + tenantA + "/people").json();
        assertThat(listed.findValuesAsString("username")).contains(username, adminName);
        assertThat(listed.toString()).contains("\"role\":\"auditor\"");

        assertThat(tenantAdmin.json("DELETE", "/v1/tenants/" + tenantA + "/people/" + username, null, true).status())
                .isEqualTo(204);
        assertThat(newcomer.get("/v1/tenants/" + tenantA + "/calls").status()).isEqualTo(401); // their only tenant: deleted
        assertThat(new Browser(port).signIn(username, PASSWORD)).isEqualTo("/login?error");
        assertThat(jdbc.sql("select detail from admin_log where target = ? and action = 'user.create'").param(username)
                .query(String.class).single()).isEqualTo("by user:" + adminName + ": " + tenantA + "=listener");
    }

    @Test
    void aTenantAdminSeesOnlyTheirTenantsPeopleAndCannotReachIntoAnotherTenant() {
        String both = person(List.of(tenantA + ":listener", tenantB + ":tenant-admin"));
        String onlyB = person(List.of(tenantB + ":auditor"));

        String listed = tenantAdmin.get("/v1/tenants/" + tenantA + "/people").text();
        assertThat(listed).contains(both).doesNotContain(onlyB).doesNotContain(tenantB);
        assertThat(tenantAdmin.get("/v1/tenants/" + tenantB + "/people").status()).isEqualTo(404);
        assertThat(put(tenantB, onlyB, "{\"role\":\"listener\"}").status()).isEqualTo(404);
        assertThat(tenantAdmin.json("DELETE", "/v1/tenants/" + tenantA + "/people/" + onlyB, null, true).status())
                .isEqualTo(404);

        Api.Response password = put(tenantA, both, "{\"role\":\"listener\",\"password\":\"a password taken over\"}");
        assertThat(password.status()).isEqualTo(403);
        assertThat(password.text()).contains("other tenants");
        assertThat(new Browser(port).signIn(both, PASSWORD)).isEqualTo("/"); // unchanged

        assertThat(put(tenantA, both, "{\"role\":\"auditor\"}").status()).isEqualTo(200);
        var grants = api.admin("GET", "/v1/admin/users/" + both, null).json().get("grants");
        assertThat(grants.toString()).contains("{\"tenant\":\"" + tenantA + "\",\"role\":\"auditor\"}",
                "{\"tenant\":\"" + tenantB + "\",\"role\":\"tenant-admin\"}"); // the other tenant's grant is kept
        assertThat(tenantAdmin.json("DELETE", "/v1/tenants/" + tenantA + "/people/" + both, null, true).status())
                .isEqualTo(204);
        assertThat(api.admin("GET", "/v1/admin/users/" + both, null).json().get("grants")).hasSize(1);
    }

    @Test
    void onlyATenantAdminManagesAndNotTheirOwnRoleNorAPersonOfTheSignOnProvider() {
        Browser listener = new Browser(port);
        listener.signIn(person(List.of(tenantA + ":listener")), PASSWORD);
        assertThat(listener.get("/v1/tenants/" + tenantA + "/people").status()).isEqualTo(403);
        assertThat(listener.json("PUT", "/v1/tenants/" + tenantA + "/retention", "{\"retentionDays\":1}", true).status())
                .isEqualTo(403);

        assertThat(put(tenantA, adminName, "{\"role\":\"listener\"}").status()).isEqualTo(400);
        assertThat(tenantAdmin.json("DELETE", "/v1/tenants/" + tenantA + "/people/" + adminName, null, true).status())
                .isEqualTo(400);

        String provided = "sso" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into users (username, password_hash, created_at, updated_at) values (?, null, ?, ?)")
                .params(provided, java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now()).update();
        jdbc.sql("insert into user_grants (username, tenant_id, role) values (?, ?, 'listener')")
                .params(provided, tenantA).update();
        assertThat(put(tenantA, provided, "{\"role\":\"auditor\"}").status()).isEqualTo(409);
        assertThat(tenantAdmin.get("/v1/tenants/" + tenantA + "/people").text())
                .contains("{\"username\":\"" + provided + "\",\"role\":\"listener\",\"singleSignOn\":true}");

        assertThat(put(tenantA, "brand-new", "{\"role\":\"listener\"}").status()).isEqualTo(400); // no password
        assertThat(put(tenantA, "brand-new", "{\"role\":\"owner\",\"password\":\"" + PASSWORD + "\"}").status())
                .isEqualTo(400);
        assertThat(put(tenantA, "brand-new", "{\"role\":\"listener\",\"password\":\"short\"}").status()).isEqualTo(400);
        assertThat(tenantAdmin.json("PUT", "/v1/tenants/" + tenantA + "/people/brand-new",
                "{\"role\":\"listener\",\"password\":\"" + PASSWORD + "\"}", false).status()).isEqualTo(403); // no CSRF
    }

    @Test
    void aTenantAdminSetsTheTenantsRetentionInTheAdminsAuditTrail() {
        String path = "/v1/tenants/" + tenantA + "/retention";
        assertThat(tenantAdmin.get(path).json().get("retentionDays").isNull()).isTrue();

        Api.Response set = tenantAdmin.json("PUT", path, "{\"retentionDays\":90}", true);

        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(set.json().get("retentionDays").asInt()).isEqualTo(90);
        assertThat(api.admin("GET", "/v1/admin/tenants/" + tenantA, null).json().get("retentionDays").asInt()).isEqualTo(90);
        assertThat(jdbc.sql("select detail from admin_log where target = ? and action = 'tenant.retention'")
                .param(tenantA).query(String.class).single())
                .isEqualTo("by user:" + adminName + ": retentionDays null -> 90");
        for (String bad : List.of("{\"retentionDays\":0}", "{\"retentionDays\":\"90\"}", "{}",
                "{\"retentionDays\":1,\"name\":\"x\"}", "{\"retentionDays\":99999999999}")) {
            assertThat(tenantAdmin.json("PUT", path, bad, true).status()).as(bad).isEqualTo(400);
        }
        assertThat(tenantAdmin.json("PUT", path, "{\"retentionDays\":null}", true).json().get("retentionDays").isNull())
                .isTrue();
        assertThat(tenantAdmin.json("PUT", "/v1/tenants/" + tenantB + "/retention", "{\"retentionDays\":1}", true)
                .status()).isEqualTo(404);
        assertThat(api.admin("GET", "/v1/admin/tenants/" + tenantB, null).json().get("retentionDays").isNull()).isTrue();
    }
}
