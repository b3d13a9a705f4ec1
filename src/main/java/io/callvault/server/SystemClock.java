package io.callvault.server;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the whole server, so that tests can move time (token expiry, signed URLs, retrieval windows). */
@Configuration(proxyBeanMethods = false)
class SystemClock {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
