package io.callvault.delivery;


import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Audio requests are not timed in {@code http.server.requests}: on a 64 KiB range the per-request observation
 * (context, tags, timer) cost 7-14% of the server's throughput (docs/performance.md, seventh round), and audio is
 * already counted where it matters: {@code callvault.bytes.served} by surface, and a row per read in the access log.
 * Audio requests are those {@link AudioEndpoints} answers. {@code CALLVAULT_DELIVERY_TIME_REQUESTS=true} times them
 * again. Every other endpoint is timed as before.
 */
@Configuration(proxyBeanMethods = false)
class AudioObservations {

    @Bean
    ObservationPredicate untimedAudioRequests(DeliveryProperties delivery, AudioEndpoints endpoints) {
        return (name, context) -> delivery.timeRequests()
                || !(context instanceof ServerRequestObservationContext request)
                || !endpoints.serves(request.getCarrier());
    }
}
