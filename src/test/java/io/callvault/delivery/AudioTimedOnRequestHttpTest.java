package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.callvault.support.HttpTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** CALLVAULT_DELIVERY_TIME_REQUESTS=true: the observation filter stays first, and audio requests are timed too. */
@TestPropertySource(properties = "callvault.delivery.time-requests=true")
class AudioTimedOnRequestHttpTest extends HttpTestBase {

    @Test
    void audioIsTimedToo() {
        assertThat(AudioObservationsHttpTest.timedAfterReadingAudio(api, "timed")).contains(
                "/v1/tenants/{tenantId}/calls/{callId}", "/v1/tenants/{tenantId}/recordings/{recordingId}/audio",
                "/api/operation/tenant/recording/{audioId}/stream2");
    }
}
