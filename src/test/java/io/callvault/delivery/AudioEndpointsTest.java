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

    @Test
    void matchesATemplateStepByStepAndDecodesVariables() {
        AudioEndpoints.PathTemplate template = AudioEndpoints.PathTemplate.parse("/v1/tenants/{tenantId}/recordings/{recordingId}/audio");
        assertThat(template.match("/v1/tenants/t1/recordings/r-1/audio")).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("tenantId", "t1", "recordingId", "r-1"));
        assertThat(template.match("/v1/tenants/t1/recordings/sip%3A1%40x/audio")).containsEntry("recordingId", "sip:1@x");
        assertThat(template.match("/v1/tenants/t1/recordings/r-1/audio/")).isNull();
        assertThat(template.match("/v1/tenants/t1/recordings/r-1/audiox")).isNull();
        assertThat(template.match("/v1/tenants/t1/recordings/r-1")).isNull();
        assertThat(template.match("/v1/tenants//recordings/r-1/audio")).isNull();
        assertThat(template.match("/v1/tenants/t1/recording/r-1/audio")).isNull();
        assertThat(template.match("/v1/tenants/t1/recordings/r-1/audio/more")).isNull();
        assertThat(template.match("/v1/tenants/t1/x/recordings/r-1/audio")).isNull();
    }
}
