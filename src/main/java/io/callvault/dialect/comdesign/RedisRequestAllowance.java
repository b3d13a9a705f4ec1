package io.callvault.dialect.comdesign;

import io.callvault.ClockTimeMeter;

import java.time.Duration;
import java.util.Optional;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * The allowance kept in Redis (Bucket4j's compare-and-swap buckets over Lettuce), so that every node spends from
 * the same bucket: a burst is a burst across the whole deployment, not per node. Idle buckets expire.
 */
class RedisRequestAllowance implements RequestAllowance, AutoCloseable {

    private final ComdesignProperties properties;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    RedisRequestAllowance(String redisUrl, ComdesignProperties properties, ClockTimeMeter time) {
        this.properties = properties;
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, properties.burst())).refillGreedy(1, properties.interval()))
                .build();
    }

    @Override
    public Optional<Duration> tryTake(String clientId, String tenantId) {
        if (properties.burst() <= 0) {
            return Optional.empty();
        }
        ConsumptionProbe probe = buckets.getProxy("callvault:comdesign:" + clientId + ":" + tenantId, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
