package io.callvault.dialect.comdesign;

import io.callvault.ClockTimeMeter;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/** Token buckets (Bucket4j) per client and tenant, in this process: right for a single node. */
class InMemoryRequestAllowance implements RequestAllowance {

    private final ComdesignProperties properties;
    private final ClockTimeMeter time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    InMemoryRequestAllowance(ComdesignProperties properties, ClockTimeMeter time) {
        this.properties = properties;
        this.time = time;
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
