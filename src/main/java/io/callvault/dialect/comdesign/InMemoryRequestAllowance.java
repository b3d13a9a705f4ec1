package io.callvault.dialect.comdesign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import org.springframework.stereotype.Component;

/** Token buckets (Bucket4j) per client and tenant, in this process, timed by the server's clock. */
@Component
class InMemoryRequestAllowance implements RequestAllowance {

    private final ComdesignProperties properties;
    private final TimeMeter time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    InMemoryRequestAllowance(ComdesignProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public Optional<Duration> tryTake(String clientId, String tenantId) {
        if (properties.burst() <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.computeIfAbsent(clientId + "\n" + tenantId, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.burst()).refillGreedy(1, properties.interval()))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
