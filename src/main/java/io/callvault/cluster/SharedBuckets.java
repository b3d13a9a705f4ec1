package io.callvault.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) that every node spends from alike: in this process on a single node, in Redis when
 * {@code CALLVAULT_REDIS_URL} is set, so that a limit is a limit across the whole deployment. Idle buckets are
 * forgotten once they would be full again. Time is the server's clock, so that tests can move it.
 *
 * <p>While Redis does not answer (down, or not yet reached since the node started), each node counts on its own, as
 * without Redis: a limit is then a limit per node for a while, and no client waits for Redis or is refused for want
 * of it. After a failed command Redis is left alone for {@link #REST}, so that requests do not each wait for it.
 */
@Component
public class SharedBuckets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);
    private static final long MAX_LOCAL_BUCKETS = 100_000;
    private static final Duration REST = Duration.ofSeconds(5);

    private final TimeMeter time;
    private final Cache<String, Bucket> local;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> shared;
    /** Until when Redis is not asked, after a command it failed (System.nanoTime). */
    private volatile long restingUntil = System.nanoTime();
    private volatile boolean alone;

    public SharedBuckets(Clock clock, SharedRedis redis) {
        this.time = new ClockTimeMeter(clock);
        this.local = Caffeine.newBuilder().maximumSize(MAX_LOCAL_BUCKETS).expireAfterAccess(Duration.ofHours(1)).build();
        redis.connect("counting with other nodes",
                client -> client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)),
                opened -> {
                    connection = opened;
                    shared = Bucket4jLettuce.casBasedBuilder(opened)
                            .clientClock(time)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                            .build();
                });
    }

    /** The bucket under this key ({@code callvault:<feature>:…}), made with the configuration on first use. */
    public SharedBucket bucket(String key, BucketConfiguration configuration) {
        return new SharedBucket() {
            @Override
            public ConsumptionProbe tryConsumeAndReturnRemaining(long tokens) {
                return either(key, configuration, bucket -> bucket.tryConsumeAndReturnRemaining(tokens));
            }

            @Override
            public boolean tryConsume(long tokens) {
                return either(key, configuration, bucket -> bucket.tryConsume(tokens));
            }

            @Override
            public void addTokens(long tokens) {
                either(key, configuration, bucket -> {
                    bucket.addTokens(tokens);
                    return null;
                });
            }

            @Override
            public long getAvailableTokens() {
                return either(key, configuration, Bucket::getAvailableTokens);
            }
        };
    }

    /** The operation on the bucket every node shares when Redis answers, else on this node's own. */
    private <T> T either(String key, BucketConfiguration configuration, Function<Bucket, T> operation) {
        ProxyManager<String> proxies = shared;
        StatefulRedisConnection<String, byte[]> redis = connection;
        if (proxies != null && redis.isOpen() && System.nanoTime() - restingUntil >= 0) {
            try {
                T answer = operation.apply(proxies.getProxy(key, () -> configuration));
                if (alone) {
                    alone = false;
                    log.info("Redis answers again: limits are counted across the nodes again");
                }
                return answer;
            } catch (RuntimeException e) {
                restingUntil = System.nanoTime() + REST.toNanos();
                if (!alone) {
                    alone = true;
                    log.warn("Redis did not take a count ({}): this node counts its limits on its own until it does",
                            e.toString());
                }
            }
        }
        return operation.apply(local.get(key, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(configuration.getBandwidths()[0]).build()));
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.close();
        }
    }

    /** Bucket4j's time source from the server's clock: wall-clock time, so that every node measures alike. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
