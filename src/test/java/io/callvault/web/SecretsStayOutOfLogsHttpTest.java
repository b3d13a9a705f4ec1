package io.callvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Keys, secrets and tokens, good or bad, never appear in what the server logs. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsHttpTest extends HttpTestBase {

    @Test
    void credentialsAreNeverLogged(CapturedOutput output) {
        String tenant = api.tenant("secrets");
        Api.Credentials client = api.readWriteClient(tenant);
        String token = api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret="
                + client.appSecret() + "&type=tenant", null).json().get("token").asString();
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        String url = api.json("POST", "/v1/tenants/" + tenant + "/recordings/" + id + "/playback-url", "{}",
                "Authorization", client.bearer()).json().get("url").asString();
        String sig = url.substring(url.indexOf("sig=") + 4);
        api.get(url);
        api.get("/api/operation/tenant/calls/c1/recordings2", "Authorization", token);
        api.get("/v1/tenants/" + tenant + "/calls", "Authorization", "Bearer cvk_wrong-guess-0123456789");
        api.send("POST", "/api/operation/operation/apply/token?appId=" + client.appId() + "&appSecret=wrong-secret-xyz&type=tenant", null);
        api.json("POST", "/general/v1/" + client.sourceUuid() + "/call/history", "{}", "Authorization", client.apiKey());
        api.admin("GET", "/v1/admin/access-log?tenant=" + tenant, null);
        stored.delete(id);
        api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer()); // logs an ERROR

        assertThat(output.getAll()).contains("is missing or shorter than the catalog says") // the server did log during the test
                .doesNotContain(client.apiKey()).doesNotContain(client.appSecret()).doesNotContain(token)
                .doesNotContain(sig).doesNotContain("cvk_wrong-guess-0123456789").doesNotContain("wrong-secret-xyz")
                .doesNotContain(ADMIN_TOKEN);
    }
}
