package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Audio requests stay out of http.server.requests (their cost is the hot path's); every other request is timed. */
class AudioObservationsHttpTest extends HttpTestBase {

    @Test
    void audioIsNotTimedPerRequestAndTheRestIs() {
        assertThat(timedAfterReadingAudio(api, "untimed")).contains("/v1/tenants/{tenantId}/calls/{callId}")
                .noneMatch(uri -> uri.contains("/audio") || uri.contains("stream2"));
    }

    /** Reads one recording on the native surface and on Wellcloud's, and a call: the uri tags timed since start. */
    static List<String> timedAfterReadingAudio(Api api, String name) {
        String tenant = api.tenant(name);
        Api.Credentials client = api.client(List.of(tenant), "read", "ingest");
        String id = api.upload(client, tenant, "c1", 1, TestAudio.pcm16(8000, 1, 800)).get("id").asString();
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer())
                .status()).isEqualTo(200);
        assertThat(api.get("/api/operation/tenant/recording/" + id + "/stream2", "Authorization", client.apiKey())
                .status()).isEqualTo(200);
        assertThat(api.get("/v1/tenants/" + tenant + "/calls/c1", "Authorization", client.bearer()).status()).isEqualTo(200);
        JsonNode tags = api.get("/actuator/metrics/http.server.requests", "Authorization", "Bearer " + METRICS_TOKEN)
                .json().get("availableTags");
        List<String> timed = new ArrayList<>();
        tags.forEach(tag -> {
            if (tag.get("tag").asString().equals("uri")) {
                tag.get("values").forEach(value -> timed.add(value.asString()));
            }
        });
        return timed;
    }
}
