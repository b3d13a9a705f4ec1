package io.callvault.cluster;

import java.util.Optional;

import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deployment's Redis ({@code CALLVAULT_REDIS_URL}), one client for the node's connections to it; absent on a
 * single node, where what it would share stays in the process.
 */
@Component
public class SharedRedis implements DisposableBean {

    private final RedisClient client;

    public SharedRedis(@Value("${callvault.redis-url:}") String url) {
        this.client = url.isBlank() ? null : RedisClient.create(url);
    }

    public Optional<RedisClient> client() {
        return Optional.ofNullable(client);
    }

    /** Called after the beans that use the client have closed their connections. */
    @Override
    public void destroy() {
        if (client != null) {
            client.shutdown();
        }
    }
}
