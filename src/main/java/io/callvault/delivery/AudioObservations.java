package io.callvault.delivery;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Audio requests are not timed in {@code http.server.requests}: on a 64 KiB range the per-request observation
 * (context, tags, timer) cost 7-14% of the server's throughput (docs/performance.md, seventh round), and audio is
 * already counted where it matters: {@code callvault.bytes.served} by surface, and a row per read in the access log.
 * Spring's observation filter is registered right behind {@link AudioEndpoints} instead of first, so an audio
 * request, answered there, never reaches it; every other request is timed as before. (A predicate that turned the
 * observation off for audio left the filter's own work on every range, and a second match of its path: about 1 µs a
 * range, eighteenth round.) {@code CALLVAULT_DELIVERY_TIME_REQUESTS=true} keeps the filter first, timing audio too.
 */
@Configuration(proxyBeanMethods = false)
class AudioObservations {

    /** Static: a post-processor is made before the beans it processes, so it reads its setting from the environment. */
    @Bean
    static BeanPostProcessor observationFilterBehindAudio(Environment environment) {
        boolean timeAudio = environment.getProperty("callvault.delivery.time-requests", Boolean.class, false);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!timeAudio && bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof ServerHttpObservationFilter) {
                    registration.setOrder(AudioEndpoints.ORDER + 1);
                }
                return bean;
            }
        };
    }
}
