package io.callvault.delivery;

import java.util.regex.Pattern;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Audio requests are not timed in {@code http.server.requests}: on a 64 KiB range the per-request observation
 * (context, tags, timer) cost 7-14% of the server's throughput (docs/performance.md, seventh round), and audio is
 * already counted where it matters: {@code callvault.audio.bytes} by surface, and a row per read in the access log.
 * {@code CALLVAULT_DELIVERY_TIME_REQUESTS=true} times them again. Every other endpoint is timed as before.
 */
@Configuration(proxyBeanMethods = false)
class AudioObservations {

    private static final Pattern AUDIO = Pattern.compile(
            "^(/v1/tenants/[^/]+/recordings/[^/]+/audio|/api/operation/tenant/recording/[^/]+/stream2"
                    + "|/api/operation/tenant/calls/[^/]+/recording/stream)$");

    @Bean
    ObservationPredicate untimedAudioRequests(DeliveryProperties delivery) {
        return (name, context) -> delivery.timeRequests()
                || !(context instanceof ServerRequestObservationContext request)
                || !isAudio(request.getCarrier().getRequestURI());
    }

    /** A suffix first: the pattern runs only on the few paths that may be audio. */
    private static boolean isAudio(String uri) {
        return (uri.endsWith("/audio") || uri.endsWith("/stream2") || uri.endsWith("/recording/stream"))
                && AUDIO.matcher(uri).matches();
    }
}
