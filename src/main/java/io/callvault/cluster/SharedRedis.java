package io.callvault.cluster;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The deployment's Redis ({@code CALLVAULT_REDIS_URL}), one client for the node's connections to it; absent on a
 * single node, where what it would share stays in the process. Redis holds nothing a node cannot do without for a
 * while, so a node never waits for it: it starts while Redis is away (connecting in the background), and a command
 * Redis cannot take fails at once while the connection is down and within {@link #COMMAND_TIMEOUT} while Redis does
 * not answer; each user falls back to what it does alone.
 */
@Component
public class SharedRedis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

    /**
     * The longest wait between two attempts to reconnect. The client's own default grows to 30 s, and each
     * connection keeps its own schedule: after an outage a node could hear again seconds before it could publish,
     * or read a revocation half a minute late. At most a second, every connection is back within a second of Redis.
     */
    private static final Duration MOST_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** The longest a command waits for Redis's answer (the client's default is a minute). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final RedisClient client;
    /** Where Redis is, for logs: never the URL, which may carry a password. */
    private final String where;
    /** Retries the connections Redis did not take at start-up. */
    private final ScheduledExecutorService connecting;
    /** Connections lost with Redis and not back yet: an outage is told once, not once per attempt and connection. */
    private final Set<RedisChannelHandler<?, ?>> lost = ConcurrentHashMap.newKeySet();
    private long lostSince;

    public SharedRedis(@Value("${callvault.redis-url:}") String url) {
        if (url.isBlank()) {
            this.resources = null;
            this.client = null;
            this.where = null;
            this.connecting = null;
            return;
        }
        RedisURI uri = RedisURI.create(url);
        this.where = uri.getHost() + ":" + uri.getPort();
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MOST_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                // while the connection is down a command fails at once, rather than waiting in memory for Redis
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.connecting = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-connect");
            thread.setDaemon(true);
            return thread;
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!connection.isClosed()) { // closed on purpose: the node is stopping
                    lost(connection);
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                back(connection);
            }
        });
    }

    private synchronized void lost(RedisChannelHandler<?, ?> connection) {
        if (lost.isEmpty()) {
            lostSince = System.nanoTime();
            log.warn("Redis at {} is gone: the node goes on alone meanwhile, and reconnects every second", where);
        }
        lost.add(connection);
    }

    private synchronized void back(RedisChannelHandler<?, ?> connection) {
        if (lost.remove(connection) && lost.isEmpty()) {
            long seconds = Duration.ofNanos(System.nanoTime() - lostSince).toSeconds();
            log.info("Redis at {} is back after {} s", where, seconds);
        }
    }

    /** Whether the deployment has Redis (whether or not it answers now). */
    public boolean isConfigured() {
        return client != null;
    }

    public Optional<RedisClient> client() {
        return Optional.ofNullable(client);
    }

    /**
     * Opens a connection now, or, while Redis does not answer, in the background once a second until it does;
     * {@code opened} gets it once it is made (on this thread or the background one). A connection once made is
     * kept up by the client itself, which reconnects (and subscribes again) after an outage. Nothing happens
     * without Redis.
     */
    public <C extends StatefulConnection<?, ?>> void connect(String purpose, Function<RedisClient, C> open,
            Consumer<C> opened) {
        if (client == null) {
            return;
        }
        Runnable attempt = new Runnable() {
            private boolean warned;

            @Override
            public void run() {
                C connection;
                try {
                    connection = open.apply(client);
                } catch (RuntimeException e) {
                    if (!warned) {
                        warned = true;
                        log.warn("Redis at {} does not answer ({}): {} waits for it, trying every second, and the"
                                + " node goes on alone meanwhile", where, e.getMessage(), purpose);
                    }
                    if (!connecting.isShutdown()) {
                        connecting.schedule(this, 1, TimeUnit.SECONDS);
                    }
                    return;
                }
                if (warned) {
                    log.info("Redis at {} answers: {} connected", where, purpose);
                }
                opened.accept(connection);
            }
        };
        attempt.run();
    }

    /** Called after the beans that use the client have closed their connections. */
    @Override
    public void destroy() {
        if (client != null) {
            connecting.shutdownNow();
            client.shutdown();
            resources.shutdown();
        }
    }
}
