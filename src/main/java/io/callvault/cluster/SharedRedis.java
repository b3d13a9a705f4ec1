package io.callvault.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deployment's Redis ({@code CALLVAULT_REDIS_URL}), one client for the node's connections to it; absent on a
 * single node, where what it would share stays in the process.
 */
@Component
public class SharedRedis implements DisposableBean {

    /**
     * The longest wait between two attempts to reconnect. The client's own default grows to 30 s, and each
     * connection keeps its own schedule: after an outage a node could hear again seconds before it could publish,
     * or read a revocation half a minute late. At most a second, every connection is back within a second of Redis.
     */
    private static final Duration MOST_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final RedisClient client;

    public SharedRedis(@Value("${callvault.redis-url:}") String url) {
        this.resources = url.isBlank() ? null : ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MOST_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = url.isBlank() ? null : RedisClient.create(resources, url);
    }

    public Optional<RedisClient> client() {
        return Optional.ofNullable(client);
    }

    /** Called after the beans that use the client have closed their connections. */
    @Override
    public void destroy() {
        if (client != null) {
            client.shutdown();
            resources.shutdown();
        }
    }
}
