package io.callvault.dialect.comdesign;

import java.time.Duration;
import java.util.Optional;

import io.callvault.cluster.SharedBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * How many requests a client may make for a tenant (contract 4): a burst, then one per interval, per client and
 * tenant, shared by every node. A burst of 0 turns it off.
 */
@Component
class RequestAllowance {

    private final ComdesignProperties properties;
    private final SharedBuckets buckets;
    private final BucketConfiguration configuration;

    RequestAllowance(ComdesignProperties properties, SharedBuckets buckets) {
        this.properties = properties;
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, properties.burst())).refillGreedy(1, properties.interval()))
                .build();
    }

    /** Takes one request from the allowance; when none is left, how long until one is. */
    Optional<Duration> tryTake(String clientId, String tenantId) {
        if (properties.burst() <= 0) {
            return Optional.empty();
        }
        ConsumptionProbe probe = buckets.bucket("callvault:comdesign:" + clientId + ":" + tenantId, configuration)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
