package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.Api;
import io.callvault.support.HttpTestBase;
import io.callvault.support.TestAudio;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With redirect delivery on, audio in the object store is answered 302 to a presigned URL, and still logged. */
@TestPropertySource(properties = {"callvault.storage=s3", "callvault.delivery.redirect=true"})
class RedirectDeliveryHttpTest extends HttpTestBase {

    @Test
    void audioRedirectsToAPresignedUrlOfTheObject() {
        String tenant = api.tenant("redirect");
        Api.Credentials client = api.readWriteClient(tenant);
        byte[] audio = TestAudio.mulaw(8000, 1, 8000);
        String id = api.upload(client, tenant, "c1", 1, audio).get("id").asString();

        Api.Response native_ = api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio?download=true",
                "Authorization", client.bearer());
        assertThat(native_.status()).isEqualTo(302);
        String location = native_.header("Location").orElseThrow();
        assertThat(location).contains("X-Amz-Signature");
        Api.Response fromStore = api.get(location);
        assertThat(fromStore.status()).isEqualTo(200);
        assertThat(fromStore.body()).isEqualTo(audio);
        assertThat(fromStore.header("Content-Disposition").orElseThrow()).startsWith("attachment");
        Api.Response seek = api.get(location, "Range", "bytes=100-199");
        assertThat(seek.status()).isEqualTo(206);
        assertThat(seek.body()).isEqualTo(java.util.Arrays.copyOfRange(audio, 100, 200));

        Api.Response wellcloud = api.get("/api/operation/tenant/recording/" + id + "/stream2", "Authorization",
                client.apiKey());
        assertThat(wellcloud.status()).isEqualTo(302);
        // validators still answer first, from the catalog
        String etag = "\"" + api.get("/v1/tenants/" + tenant + "/recordings/" + id, "Authorization", client.bearer())
                .json().get("sha256").asString() + "\"";
        assertThat(api.get("/v1/tenants/" + tenant + "/recordings/" + id + "/audio", "Authorization", client.bearer(),
                "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(audited().sql("select kind from access_log where recording_id = ? order by id").param(id)
                .query(String.class).list()).containsExactly("download", "play");
    }
}
