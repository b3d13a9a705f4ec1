package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audio endpoints answer ahead of Spring MVC ({@link AudioEndpoints}): what MVC answered for them before, they
 * still answer, in each surface's model: a wrong method, OPTIONS, an id a client percent-encoded, a path the
 * firewall refuses.
 */
class AudioEndpointsHttpTest extends HttpTestBase {

    private String tenant;
    private Api.Credentials client;
    private String nativeAudio;
    private byte[] audio;

    @BeforeEach
    void recording() {
        tenant = api.tenant("routes");
        client = api.readWriteClient(tenant);
        audio = TestAudio.pcm16(8000, 1, 800);
        String id = api.upload(client, tenant, "sip:1@pbx", 1, audio).get("id").asString();
        nativeAudio = "/v1/tenants/" + tenant + "/recordings/" + id + "/audio";
    }

    @Test
    void aWrongMethodIs405InTheSurfacesModelWithAllow() {
        Api.Response post = api.send("POST", nativeAudio, new byte[0], "Authorization", client.bearer());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(post.header("Allow")).hasValue("GET, HEAD, OPTIONS");
        Api.Response delete = api.send("DELETE", "/api/operation/tenant/calls/sip:1@pbx/recording/stream", null,
                "Authorization", client.apiKey());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.json().get("code").asString()).isEqualTo("405");
        Api.Response options = api.send("OPTIONS", nativeAudio, null);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void anIdAClientPercentEncodedIsTheSameId() {
        Api.Response plain = api.get("/api/operation/tenant/calls/sip:1@pbx/recording/stream", "Authorization", client.apiKey());
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(audio);
        Api.Response encoded = api.get("/api/operation/tenant/calls/sip%3A1%40pbx/recording/stream",
                "Authorization", client.apiKey());
        assertThat(encoded.status()).as(encoded.text()).isEqualTo(200);
        assertThat(encoded.body()).isEqualTo(audio);
    }

    @Test
    void aPathTheFirewallRefusesIsStillRefusedInTheSurfacesModel() {
        Api.Response parameter = api.get(nativeAudio.replace("/audio", ";jsessionid=x/audio"), "Authorization", client.bearer());
        assertThat(parameter.status()).isEqualTo(400);
        assertThat(parameter.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        Api.Response wellcloud = api.get("/api/operation/tenant/recording/x;y=z/stream2", "Authorization", client.apiKey());
        assertThat(wellcloud.status()).isEqualTo(400);
        assertThat(wellcloud.json().get("code").asString()).isEqualTo("400");
    }
}
