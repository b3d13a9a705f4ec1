package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths the audio endpoints take themselves; the rest go on to Spring Security's firewall and MVC. */
class AudioEndpointsTest {

    @Test
    void takesPlainPathsAndEncodedIdCharactersOnly() {
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t-1/recordings/0f6c-a.b_c~d/audio")).isTrue();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/sip:1@pbx/recording/stream")).isTrue();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/sip%3A1%40pbx/recording/stream")).isTrue();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/a%2Fb/recording/stream")).isFalse();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/%2E%2E/recording/stream")).isFalse();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/a%25b/recording/stream")).isFalse();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/a%3/recording/stream")).isFalse();
        assertThat(AudioEndpoints.isPlain("/api/operation/tenant/calls/a%zz/recording/stream")).isFalse();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings/r;x=y/audio")).isFalse();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings//audio")).isFalse();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings/./audio")).isFalse();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings/../audio")).isFalse();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings/r/..")).isFalse();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings/a..b/audio")).isTrue();
        assertThat(AudioEndpoints.isPlain("/v1/tenants/t/recordings/r\\x/audio")).isFalse();
    }
}
