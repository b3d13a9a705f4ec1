package io.callvault.server;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the whole server, so that tests can move time (token expiry, signed URLs, retrieval windows). It
 * ticks in microseconds, as the databases keep time: a time answered when a row is made (a recording's createdAt in
 * its 201) is the time every later read of the row answers.
 */
@Configuration(proxyBeanMethods = false)
class SystemClock {

    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
