package io.callvault.cluster;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) that every node spends from alike: in this process on a single node, in Redis when
 * {@code CALLVAULT_REDIS_URL} is set, so that a limit is a limit across the whole deployment. Idle buckets are
 * forgotten once they would be full again. Time is the server's clock, so that tests can move it.
 */
@Component
public class SharedBuckets implements DisposableBean {

    private static final long MAX_LOCAL_BUCKETS = 100_000;

    private final TimeMeter time;
    private final Cache<String, Bucket> local;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final ProxyManager<String> shared;

    public SharedBuckets(Clock clock, SharedRedis redis) {
        this.time = new ClockTimeMeter(clock);
        this.connection = redis.client()
                .map(client -> client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)))
                .orElse(null);
        if (connection == null) {
            this.local = Caffeine.newBuilder().maximumSize(MAX_LOCAL_BUCKETS).expireAfterAccess(Duration.ofHours(1)).build();
            this.shared = null;
        } else {
            this.local = null;
            this.shared = Bucket4jLettuce.casBasedBuilder(connection)
                    .clientClock(time)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
        }
    }

    /** The bucket under this key ({@code callvault:<feature>:…}), made with the configuration on first use. */
    public Bucket bucket(String key, BucketConfiguration configuration) {
        if (shared != null) {
            return shared.getProxy(key, () -> configuration);
        }
        return local.get(key, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(configuration.getBandwidths()[0]).build());
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
