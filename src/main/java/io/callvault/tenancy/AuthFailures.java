package io.callvault.tenancy;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.callvault.cluster.SharedBucket;
import io.callvault.cluster.SharedBuckets;
import io.callvault.web.ApiException;
import io.callvault.web.Failure;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Slows down credential guessing without ever refusing a valid credential: each source address has an allowance of
 * failed authentications ({@code callvault.auth-throttle.failures} per {@code callvault.auth-throttle.interval},
 * shared by every node). A check that is not already known to succeed spends one failure <em>before</em> it runs,
 * so that a burst of parallel guesses cannot slip past the count, and gets it back when the credential was good.
 * A bad credential from an address with none left is answered 429 instead of 401. Requests with a valid credential,
 * or none (health, signed URLs), are never throttled.
 */
@Component
class AuthFailures {

    private static final Logger log = LoggerFactory.getLogger(AuthFailures.class);

    private final SharedBuckets buckets;
    private final BucketConfiguration configuration;
    /** Addresses refused lately, on this node: one log line per episode, not one per refusal. */
    private final Cache<String, Boolean> episodes;

    AuthFailures(SharedBuckets buckets, @Value("${callvault.auth-throttle.failures:20}") int failures,
            @Value("${callvault.auth-throttle.interval:1m}") Duration interval) {
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, interval)).build();
        this.episodes = Caffeine.newBuilder().expireAfterWrite(interval).maximumSize(100_000).build();
    }

    /** One check of a credential from this address, its failure already counted. */
    record Attempt(String address, SharedBucket bucket, boolean counted, long nanosToWait) {
    }

    Attempt begin(String address) {
        SharedBucket bucket = buckets.bucket("callvault:auth-failures:" + address, configuration);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return new Attempt(address, bucket, probe.isConsumed(), probe.getNanosToWaitForRefill());
    }

    /** The credential was good: the failure counted in advance is given back. */
    void succeeded(Attempt attempt) {
        if (attempt.counted()) {
            attempt.bucket().addTokens(1);
        }
    }

    /** The credential was bad: the failure stands, and past the allowance the answer is 429 instead. */
    RuntimeException failed(Attempt attempt, RuntimeException answer) {
        return throttled(attempt).map(RuntimeException.class::cast).orElse(answer);
    }

    /** 429, when the attempt found the address's allowance of failures spent; empty when its failure was counted. */
    Optional<ApiException> throttled(Attempt attempt) {
        if (attempt.counted()) {
            return Optional.empty();
        }
        if (episodes.asMap().putIfAbsent(attempt.address(), Boolean.TRUE) == null) {
            log.warn("too many failed authentications from {}: its bad credentials are answered 429 for a while",
                    attempt.address());
        }
        Duration wait = Duration.ofNanos(Math.max(attempt.nanosToWait(), 1_000_000_000L));
        return Optional.of(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too many failed authentications from this "
                + "address: retry after " + Failure.seconds(wait) + " s", wait));
    }
}
