package io.callvault.dialect.comdesign;

import io.callvault.ClockTimeMeter;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In memory on one node; in Redis when {@code CALLVAULT_REDIS_URL} is set, so that several nodes share it. */
@Configuration(proxyBeanMethods = false)
class AllowanceConfiguration {

    @Bean
    RequestAllowance requestAllowance(ComdesignProperties properties, Clock clock,
            @Value("${callvault.redis-url:}") String redisUrl) {
        ClockTimeMeter time = new ClockTimeMeter(clock);
        if (redisUrl.isBlank()) {
            return new InMemoryRequestAllowance(properties, time);
        }
        return new RedisRequestAllowance(redisUrl, properties, time);
    }
}
