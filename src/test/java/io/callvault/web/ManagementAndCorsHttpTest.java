package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;

/**
 * The actuator beyond health answers only the admin or the metrics token; browsers may call the API only from the
 * configured origins.
 */
class ManagementAndCorsHttpTest extends HttpTestBase {

    @Test
    void metricsNeedTheAdminOrTheMetricsToken() {
        String tenant = api.tenant("mgmt");
        Api.Credentials client = api.readWriteClient(tenant);
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/callvault.uploads"}) {
            Api.Response open = api.get(path);
            assertThat(open.status()).as(path).isEqualTo(401);
            assertThat(open.header("WWW-Authenticate")).isPresent();
            assertThat(open.text()).doesNotContain("/v1/tenants");
            assertThat(api.get(path, "Authorization", client.bearer()).status()).as(path).isEqualTo(403);
        }
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        Api.Response scrape = api.get("/actuator/prometheus", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus", "Authorization", "Bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
        api.upload(client, tenant, "c1", 1, io.callvault.support.TestAudio.pcm16(8000, 1, 100));
        assertThat(api.get("/actuator/prometheus", "Authorization", "Bearer " + METRICS_TOKEN).text())
                .contains("# HELP callvault_uploads_total Recording uploads, by outcome")
                .contains("# HELP callvault_upload_bytes_total Audio bytes stored by uploads");
    }

    @Test
    void onlyTheConfiguredOriginMayCallFromABrowser() {
        String tenant = api.tenant("cors");
        Api.Credentials client = api.readWriteClient(tenant);
        String calls = "/v1/tenants/" + tenant + "/calls";
        Api.Response preflight = api.send("OPTIONS", calls, null, "Origin", CRM_ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(CRM_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("authorization");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();
        Api.Response get = api.get(calls, "Authorization", client.bearer(), "Origin", CRM_ORIGIN);
        assertThat(get.header("Access-Control-Allow-Origin")).hasValue(CRM_ORIGIN);

        Api.Response foreign = api.send("OPTIONS", calls, null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(api.get(calls, "Authorization", client.bearer(), "Origin", "https://evil.example").status())
                .isEqualTo(403);
    }

    /** The audio endpoints answer ahead of Spring MVC: the same CORS rules hold for them (a CRM's page playing audio). */
    @Test
    void theConfiguredOriginMayFetchAudio() {
        String tenant = api.tenant("cors-audio");
        Api.Credentials client = api.readWriteClient(tenant);
        String id = api.upload(client, tenant, "c1", 1, io.callvault.support.TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        String audio = "/v1/tenants/" + tenant + "/recordings/" + id + "/audio";
        Api.Response preflight = api.send("OPTIONS", audio, null, "Origin", CRM_ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization,range");
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(CRM_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow().toLowerCase()).contains("range");
        Api.Response range = api.get(audio, "Authorization", client.bearer(), "Origin", CRM_ORIGIN, "Range", "bytes=0-9");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Access-Control-Allow-Origin")).hasValue(CRM_ORIGIN);
        assertThat(range.header("Access-Control-Expose-Headers").orElseThrow()).contains("Content-Range");
        Api.Response foreign = api.get(audio, "Authorization", client.bearer(), "Origin", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
